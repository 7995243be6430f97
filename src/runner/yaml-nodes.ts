/**
 * Typed reading of YAML nodes with their line numbers, so that every plan error names the line it is about.
 */
import type { LineCounter, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { CnibenchError, yamlModule } from '../model/index.js';
import { runnerMessages as msg } from './messages.js';

// yaml's node tests, through the lazily loaded module (model/lazy-yaml.ts): a static import of 'yaml' here would load
// it with every command once the command line is bundled (scripts/bundle-cli.mjs hoists a package's imports)
const isMap = (node: unknown): node is YAMLMap => yamlModule().isMap(node);
const isSeq = (node: unknown): node is YAMLSeq => yamlModule().isSeq(node);
const isScalar = (node: unknown): node is Scalar => yamlModule().isScalar(node);

/** A YAML node, its dotted location in the document (`runs.clusters[2].plugin`) and what is needed to locate it. */
export interface Located {
  readonly node: Node | null;
  readonly where: string;
  readonly file: string;
  readonly lines: LineCounter;
  /** line used when the node is absent (the parent's line) */
  readonly fallbackLine: number;
}

export function lineOf(at: Located): number {
  const offset = at.node?.range?.[0];
  return offset === undefined ? at.fallbackLine : at.lines.linePos(offset).line;
}

export function planError(at: Located, message: string): CnibenchError {
  return new CnibenchError('bad-plan', message, { file: at.file, line: lineOf(at) });
}

function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : JSON.stringify(node.value);
  return 'an alias or unsupported node';
}

/** The key/value pairs of a mapping node, rejecting keys not in `known`. */
export function mapEntries(at: Located, known: readonly string[]): Map<string, Located> {
  if (!isMap(at.node)) throw planError(at, msg.expectedMap(at.where));
  const out = new Map<string, Located>();
  const line = lineOf(at);
  for (const pair of at.node.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyAt: Located = { node: pair.key, where: at.where, file: at.file, lines: at.lines, fallbackLine: line };
    if (!known.includes(key)) throw planError(keyAt, msg.unknownKey(at.where, key, known));
    const keyLine = lineOf(keyAt);
    out.set(key, {
      node: pair.value ?? null,
      where: `${at.where}.${key}`,
      file: at.file,
      lines: at.lines,
      fallbackLine: keyLine,
    });
  }
  return out;
}

/** The items of a sequence node. */
export function seqItems(at: Located): Located[] {
  if (!isSeq(at.node)) throw planError(at, msg.expectedList(at.where));
  const line = lineOf(at);
  return (at.node.items as (Node | null)[]).map((node, i) => ({
    node,
    where: `${at.where}[${i}]`,
    file: at.file,
    lines: at.lines,
    fallbackLine: line,
  }));
}

/** A scalar read as text (numbers are accepted and written as YAML wrote them, e.g. an MTU level `1500`). */
export function text(at: Located): string {
  if (isScalar(at.node) && (typeof at.node.value === 'string' || typeof at.node.value === 'number')) {
    return typeof at.node.value === 'string' ? at.node.value : (at.node.source ?? String(at.node.value));
  }
  throw planError(at, msg.expectedString(at.where, describeNode(at.node)));
}

/** An integer from `min` to `max` (inclusive); `max` bounds values that size memory or feed a timer. */
export function integer(at: Located, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (
    isScalar(at.node) &&
    typeof at.node.value === 'number' &&
    Number.isInteger(at.node.value) &&
    at.node.value >= min &&
    at.node.value <= max
  ) {
    return at.node.value;
  }
  const got = describeNode(at.node);
  throw planError(
    at,
    max === Number.MAX_SAFE_INTEGER
      ? msg.expectedInteger(at.where, min, got)
      : msg.expectedBounded(at.where, min, max, got),
  );
}

export function choice<C extends string>(at: Located, choices: readonly C[]): C {
  const value = isScalar(at.node) ? at.node.value : undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as C;
  throw planError(at, msg.expectedChoice(at.where, choices, describeNode(at.node)));
}

/** A list of texts, or a single text (treated as a one-element list). */
export function textList(at: Located): string[] {
  if (isSeq(at.node)) return seqItems(at).map(text);
  return [text(at)];
}

/** A command: a non-empty list of arguments. A plain string is refused: it would need a shell to split it. */
export function command(at: Located): string[] {
  if (!isSeq(at.node) || at.node.items.length === 0) throw planError(at, msg.expectedCommand(at.where));
  return seqItems(at).map(text);
}
