/**
 * Campaign layouts: where a file sits says which cell and iteration it is. Default
 * `{testbed}/{distribution}/{plugin}/{iteration}`; campaign.yaml `layout:` or `--layout` may add factors
 * (`{testbed}/{mtu}/{distribution}/{plugin}/{iteration}`), literal text around placeholders
 * (`doc-{plugin}.{os}-run{iteration}`), constraints (`{plugin:[a-z0-9.-]+?}`), ignored parts (`{_}`), fixed levels that
 * match no text (`{tuning=default}`), and several alternatives (the first that fits places the file).
 *
 * The last segment is matched against the file name without its knb extension (`.knbdata`, `.knbdata.json`, `.tsv`,
 * …), then against the whole name, then against the name up to its first dot (so `01.knbdata` and
 * `pc-tbed-k8s-01.cern.ch_3.knbdata.json` both work). `{iteration}` may sit anywhere in the last segment.
 *
 * Matching stays fast on any input: each segment is one regex anchored at both ends and matched against one path
 * segment (at most 255 bytes on every file system); a constraint is a restricted regex — characters, escapes, classes,
 * `.`, quantifiers on a single atom, `|` at its top level; no groups, anchors, back-references or look-arounds — so a
 * user pattern cannot nest quantifiers (no exponential backtracking). What remains is polynomial in the name's length
 * with the number of placeholders as degree, hence at most 4 placeholders in a segment: measured worst case, a hostile
 * 255-byte name against `{a}-{b}-{c}-{iteration}` (all unconstrained, the same separator), about 0.5 s; the patterns
 * of real campaigns (literal text between constrained placeholders) take well under a millisecond.
 */
import { ingestMessages as msg } from './messages.js';
import { CnibenchError } from '../model/index.js';

export const DEFAULT_LAYOUT = '{testbed}/{distribution}/{plugin}/{iteration}';

/** The most placeholders one segment may hold (bounds the regex's backtracking on a 255-byte name). */
export const MAX_PLACEHOLDERS_PER_SEGMENT = 4;

/** One part of a segment pattern: literal text, a placeholder (name null for `{_}`), or a fixed level. */
export type LayoutToken =
  | { readonly kind: 'literal'; readonly text: string; readonly source: string }
  | { readonly kind: 'placeholder'; readonly name: string | null; readonly text: string; readonly source: string }
  | { readonly kind: 'fixed'; readonly name: string; readonly level: string; readonly text: string };

export interface LayoutSegment {
  readonly text: string;
  readonly regex: RegExp;
  /** names of the capturing placeholders, in order (`{_}` does not capture) */
  readonly names: readonly string[];
  readonly tokens: readonly LayoutToken[];
}

export interface Layout {
  readonly pattern: string;
  /** factor names in layout order (without `iteration`), fixed levels included */
  readonly factors: readonly string[];
  readonly segments: readonly LayoutSegment[];
  /** factors set by `{factor=level}` without matching text */
  readonly fixed: Readonly<Record<string, string>>;
}

/** Several layout alternatives: a file is placed by the first that fits. */
export interface LayoutSet {
  /** the alternatives joined with ` or ` (for reports) */
  readonly pattern: string;
  readonly patterns: readonly string[];
  /** factor names in first-seen order over the alternatives */
  readonly factors: readonly string[];
  readonly alternatives: readonly Layout[];
}

export type LayoutMatch =
  | { readonly ok: true; readonly levels: Readonly<Record<string, string>>; readonly iteration: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Iteration numbers accepted in file stems: `3`, `03`, `run3`, `run-03`, `run_3`, `iter3`, `iteration-3`, `it3`, `r3`
 * (case-insensitive); must be ≥ 1.
 */
const ITERATION = /^(?:run|iteration|iter|it|r)?[-_]?0*(\d+)$/i;

export function parseIteration(text: string): number | null {
  const m = ITERATION.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;
const ITERATION_DEFAULT = '[A-Za-z]*[-_]?[0-9]+';

/**
 * Check a placeholder's constraint: the restricted regex described above. Returns the reason it is refused, or null.
 */
export function constraintProblem(constraint: string): string | null {
  if (constraint === '') return 'the constraint is empty';
  let atom = false; // the previous item can take a quantifier
  let quantified = false; // the previous item is a quantifier (may take one lazy `?`)
  for (let i = 0; i < constraint.length; i++) {
    const c = constraint[i]!;
    if (c === '\\') {
      const next = constraint[i + 1];
      if (next === undefined) return 'it ends with a lone backslash';
      if (/[0-9kpPuxcbB]/.test(next))
        return `the escape \\${next} is not allowed (only \\d \\w \\s, their negations, and escaped punctuation)`;
      i++;
      atom = true;
      quantified = false;
    } else if (c === '[') {
      let j = i + 1;
      if (constraint[j] === '^') j++;
      if (constraint[j] === ']') j++;
      while (j < constraint.length && constraint[j] !== ']') j += constraint[j] === '\\' ? 2 : 1;
      if (j >= constraint.length) return `the class opened at "${constraint.slice(i)}" is not closed`;
      i = j;
      atom = true;
      quantified = false;
    } else if (c === '(' || c === ')') {
      return 'groups ( ) are not allowed (write alternatives at the top level: a|b|c)';
    } else if (c === '^' || c === '$') {
      return `anchors ${c} are not allowed (each segment is anchored already)`;
    } else if (c === '/') {
      return 'a constraint cannot match "/" (one placeholder stays in one path segment)';
    } else if (c === '|') {
      atom = false;
      quantified = false;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (c === '?' && quantified) {
        quantified = false; // lazy modifier
        atom = false;
        continue;
      }
      if (!atom) return `the quantifier "${c}" must follow a character or a class (quantifiers cannot be nested)`;
      if (c === '{') {
        const m = /^\{(\d{1,3})(,(\d{1,3})?)?\}/.exec(constraint.slice(i));
        if (!m) return 'a "{" in a constraint must be a repetition {m}, {m,} or {m,n}';
        if (m[3] !== undefined && Number(m[3]) < Number(m[1])) return `the repetition ${m[0]} is empty`;
        i += m[0].length - 1;
      }
      atom = false;
      quantified = true;
    } else if (c === '}' || c === ']') {
      return `unbalanced "${c}"`;
    } else {
      atom = true;
      quantified = false;
    }
  }
  try {
    new RegExp(`^(?:${constraint})$`);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return null;
}

/** Split a segment pattern into tokens. @throws CnibenchError naming the part that is wrong */
function tokenize(pattern: string, text: string): LayoutToken[] {
  const fail = (detail: string): never => {
    throw new CnibenchError('layout', msg.layoutPattern(pattern, detail));
  };
  const tokens: LayoutToken[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal, source: escapeRegex(literal) });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '}') fail(`unbalanced brace in "${text}"`);
    if (c !== '{') {
      literal += c;
      i++;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (name === undefined) fail(`"{" at "${text.slice(i)}" must open a placeholder such as {plugin}`);
    let j = i + 1 + name!.length;
    const after = text[j];
    let constraint: string | null = null;
    let fixed: string | null = null;
    if (after === ':' || after === '=') {
      // read up to the closing brace, skipping classes, escapes and repetitions {m,n}
      let depth = 0;
      let k = j + 1;
      for (; k < text.length; k++) {
        const d = text[k]!;
        if (d === '\\') k++;
        else if (d === '[') {
          k++;
          while (k < text.length && text[k] !== ']') k += text[k] === '\\' ? 2 : 1;
        } else if (d === '{') depth++;
        else if (d === '}') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (k >= text.length) fail(`the placeholder "${text.slice(i)}" is not closed by "}"`);
      const inner = text.slice(j + 1, k);
      if (after === ':') constraint = inner;
      else fixed = inner;
      j = k;
    } else if (after !== '}') {
      fail(`the placeholder "${text.slice(i)}" must be {name}, {name:constraint} or {name=level}`);
    }
    const whole = text.slice(i, j + 1);
    flush();
    if (fixed !== null) {
      if (fixed === '' || /[{}/]/.test(fixed)) fail(`${whole}: a fixed level must be plain text`);
      if (name === 'iteration' || name === '_') fail(`${whole}: {iteration} and {_} cannot be fixed`);
      tokens.push({ kind: 'fixed', name: name!, level: fixed, text: whole });
    } else {
      if (constraint !== null) {
        const problem = constraintProblem(constraint);
        if (problem !== null) fail(`${whole}: ${problem}`);
      }
      tokens.push({
        kind: 'placeholder',
        name: name === '_' ? null : name!,
        text: whole,
        source: constraint ?? (name === 'iteration' ? ITERATION_DEFAULT : '.+?'),
      });
    }
    i = j + 1;
  }
  flush();
  return tokens;
}

function tokenSource(token: LayoutToken): string {
  if (token.kind === 'literal') return token.source;
  if (token.kind === 'fixed') return '';
  return token.name === null ? `(?:${token.source})` : `(${token.source})`;
}

/** @throws CnibenchError when the pattern has no `{iteration}` in its last segment or repeats a name */
export function parseLayout(pattern: string): Layout {
  const clean = pattern.trim().replace(/^\/+|\/+$/g, '');
  const parts = clean.split('/');
  if (clean === '' || parts.some((p) => p === '')) {
    throw new CnibenchError('layout', msg.layoutPattern(pattern, 'empty path segment'));
  }
  const seen = new Set<string>();
  const fixed: Record<string, string> = {};
  const order: string[] = [];
  const segments = parts.map((text, index) => {
    const tokens = tokenize(pattern, text);
    const names: string[] = [];
    for (const t of tokens) {
      if (t.kind === 'literal' || (t.kind === 'placeholder' && t.name === null)) continue;
      const name = t.name!;
      if (seen.has(name)) throw new CnibenchError('layout', msg.layoutPattern(pattern, `{${name}} appears twice`));
      if (name === 'iteration' && index !== parts.length - 1) {
        throw new CnibenchError('layout', msg.layoutPattern(pattern, '{iteration} must be in the last segment'));
      }
      seen.add(name);
      order.push(name);
      if (t.kind === 'fixed') fixed[name] = t.level;
      else names.push(name);
    }
    if (tokens.filter((t) => t.kind === 'placeholder').length > MAX_PLACEHOLDERS_PER_SEGMENT) {
      throw new CnibenchError(
        'layout',
        msg.layoutPattern(pattern, `"${text}" has more than ${MAX_PLACEHOLDERS_PER_SEGMENT} placeholders`),
      );
    }
    return { text, regex: new RegExp(`^${tokens.map(tokenSource).join('')}$`), names, tokens };
  });
  if (!seen.has('iteration')) {
    throw new CnibenchError('layout', msg.layoutPattern(pattern, 'no {iteration} in the last segment'));
  }
  const factors = order.filter((n) => n !== 'iteration');
  return { pattern: clean, factors, segments, fixed };
}

/**
 * Parse one pattern or a list of alternatives. Every alternative must set the same factors (by a placeholder or a
 * fixed level `{factor=level}`). @throws CnibenchError naming the alternative and the factor it lacks
 */
export function parseLayouts(patterns: string | readonly string[]): LayoutSet {
  const list = typeof patterns === 'string' ? [patterns] : [...patterns];
  if (list.length === 0) throw new CnibenchError('layout', msg.layoutPattern('', 'no layout given'));
  const alternatives = list.map(parseLayout);
  const factors = [...new Set(alternatives.flatMap((a) => a.factors))];
  alternatives.forEach((a, index) => {
    const lacking = factors.find((f) => !a.factors.includes(f));
    if (lacking !== undefined) {
      throw new CnibenchError('layout', msg.layoutLacks(a.pattern, index + 1, lacking));
    }
  });
  return { pattern: alternatives.map((a) => a.pattern).join(' or '), patterns: list, factors, alternatives };
}

/** knb file extensions, longest first: stripped before the last segment is matched. */
const KNB_EXTENSIONS = [
  '.knbdata.json',
  '.knbdata.yaml',
  '.knbdata.yml',
  '.knbdata.txt',
  '.knbdata.tsv',
  '.knbdata',
  '.tar.gz',
  '.tgz',
  '.json',
  '.yaml',
  '.yml',
  '.text',
  '.txt',
  '.tsv',
];

/** The file name without its knb extension (`a.b_3.knbdata.json` → `a.b_3`); the name itself when it has none. */
export function stripKnbExtension(name: string): string {
  const lower = name.toLowerCase();
  const ext = KNB_EXTENSIONS.find((e) => lower.endsWith(e) && lower.length > e.length);
  return ext === undefined ? name : name.slice(0, name.length - ext.length);
}

/** The file name's stem: up to the first dot (`01.knbdata.json` → `01`). */
export function fileStem(name: string): string {
  const dot = name.indexOf('.', 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/** Why a segment does not match: the first token whose prefix no longer matches, and what matched before it. */
function diagnose(segment: LayoutSegment, text: string, index: number): string {
  const base = msg.layoutSegment(text, index, segment.text);
  if (!segment.tokens.some((t) => t.kind === 'placeholder')) return base;
  let source = '^';
  let matched = '';
  for (const token of segment.tokens) {
    const next = source + tokenSource(token);
    const m = new RegExp(next).exec(text);
    if (!m) {
      const iteration = token.kind === 'placeholder' && token.name === 'iteration';
      return `${base}: ${iteration ? msg.badIteration(text.slice(matched.length)) : msg.layoutFailsAt(token.text, matched)}`;
    }
    matched = m[0];
    source = next;
  }
  return `${base}: ${msg.layoutTrailing(text.slice(matched.length))}`;
}

function matchSegment(segment: LayoutSegment, texts: readonly string[]): { values: readonly string[] } | null {
  for (const t of texts) {
    const m = segment.regex.exec(t);
    if (m) return { values: m.slice(1) };
  }
  return null;
}

/** Match a `/`-separated path relative to the campaign directory. Raw (not normalised) levels are returned. */
export function matchLayout(layout: Layout, relPath: string): LayoutMatch {
  const parts = relPath.split('/');
  if (parts.length !== layout.segments.length) {
    return { ok: false, reason: msg.layoutDepth(parts.length, layout.segments.length, layout.pattern) };
  }
  const levels: Record<string, string> = { ...layout.fixed };
  let iteration: number | null = null;
  for (let i = 0; i < parts.length; i++) {
    const seg = layout.segments[i]!;
    const part = parts[i]!;
    const last = i === parts.length - 1;
    const texts = last ? [...new Set([stripKnbExtension(part), part, fileStem(part)])] : [part];
    const m = matchSegment(seg, texts);
    if (!m) return { ok: false, reason: diagnose(seg, texts[0]!, i) };
    for (let k = 0; k < seg.names.length; k++) {
      const name = seg.names[k]!;
      const value = m.values[k]!;
      if (name === 'iteration') {
        iteration = parseIteration(value);
        if (iteration === null) return { ok: false, reason: msg.badIteration(value) };
      } else levels[name] = value;
    }
  }
  return { ok: true, levels, iteration: iteration! };
}

/** Match against each alternative in turn; the first that fits wins. The reason names every alternative's failure. */
export function matchLayouts(layouts: LayoutSet, relPath: string): LayoutMatch {
  const reasons: string[] = [];
  for (const layout of layouts.alternatives) {
    const m = matchLayout(layout, relPath);
    if (m.ok) return m;
    reasons.push(m.reason);
  }
  if (reasons.length === 1) return { ok: false, reason: reasons[0]! };
  return { ok: false, reason: reasons.map((r, i) => `(${i + 1}) ${r}`).join('; ') };
}
