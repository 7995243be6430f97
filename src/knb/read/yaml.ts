/**
 * `-o yaml` reports: the JSON tree in block YAML, metrics unquoted, strings double-quoted. knb does not escape `"`
 * in names, so the layout is read line by line (indentation = depth); flow-style or otherwise re-formatted YAML
 * falls back to the `yaml` package. Empty values and the fork's `nan`/`NaN` are kept as missing with their reason.
 */
import { knbMessages as msg } from '../messages.js';
import { yamlModule } from '../../model/index.js';
import type { ParsedKnb } from './run.js';
import { cleanLine, decode, LOG_LINE } from './lines.js';
import {
  doubleQuotedLeaf,
  runFromTree,
  treeFromValue,
  treeObject,
  type TreeLeaf,
  type TreeNode,
  type TreeObject,
} from './tree.js';
import { issueSink, type IssueSink } from './values.js';

const ENTRY = /^( *)([^\s:#"'][^:]*?|"[^"]*"):(?:[ \t](.*))?$/;

function leaf(raw: string, line: number): TreeLeaf {
  const token = raw.trim();
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"')) return doubleQuotedLeaf(token, line);
  if (token.length >= 2 && token.startsWith("'") && token.endsWith("'")) {
    return { kind: 'leaf', raw: token.slice(1, -1).replace(/''/g, "'"), quoted: true, line };
  }
  if (token === '~' || token === 'null') return { kind: 'leaf', raw: null, quoted: false, line };
  // unquoted values keep their blanks: knb never pads a number, so a padded one is reported as unreadable
  return { kind: 'leaf', raw, quoted: false, line };
}

interface Frame {
  indent: number;
  obj: TreeObject;
}

function parseLines(content: string, sink: IssueSink): TreeNode | null {
  const lines = content.split('\n').map((l) => cleanLine(l));
  const root = treeObject(1);
  const stack: Frame[] = [{ indent: 0, obj: root }];
  let pendingObject: { indent: number; obj: TreeObject } | null = null;
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    if (line.trim() === '') {
      // knb writes no blank line: one (other than the file's final newline) may follow a line cut short
      if (seen > 0 && i < lines.length - 1) sink.warn('blank-line', msg.blankLine(), lineNo);
      continue;
    }
    if (line.trimStart().startsWith('#') || line === '---') continue;
    if (LOG_LINE.test(line)) continue;
    const m = ENTRY.exec(line);
    if (!m) {
      if (seen === 0) continue; // a console capture's prompt before the report
      sink.error('yaml-structure', msg.structureLine(line, '`key: value` with 2-space indentation'), lineNo);
      return root;
    }
    seen++;
    const indent = m[1]!.length;
    const key = m[2]!.replace(/^"(.*)"$/, '$1');
    const rawValue = m[3] ?? '';
    const value = rawValue.trim() === '' ? '' : rawValue;
    if (pendingObject) {
      if (indent > pendingObject.indent) stack.push({ indent, obj: pendingObject.obj });
      pendingObject = null;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent > indent) stack.pop();
    const top = stack[stack.length - 1]!;
    if (top.indent !== indent) {
      sink.error('yaml-structure', msg.structureLine(line, `indentation of ${top.indent} spaces`), lineNo);
      return root;
    }
    if (top.obj.entries.has(key)) {
      sink.warn('duplicate-key', msg.duplicateKey(key), lineNo);
      continue;
    }
    if (value === '' || value.trim() === '{}') {
      // an object if the next meaningful line is deeper, otherwise an empty value
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() === '') j++;
      const next = j < lines.length ? (/^( *)/.exec(lines[j]!)?.[1]?.length ?? 0) : -1;
      if (next > indent && value === '') {
        const obj = treeObject(lineNo);
        top.obj.entries.set(key, obj);
        pendingObject = { indent, obj };
      } else {
        top.obj.entries.set(key, { kind: 'leaf', raw: '', quoted: false, line: lineNo });
      }
      continue;
    }
    top.obj.entries.set(key, leaf(value, lineNo));
  }
  return seen === 0 ? null : root;
}

export function parseYaml(bytes: Uint8Array, file: string): ParsedKnb {
  const content = decode(bytes);
  const sink = issueSink(file);
  let tree = parseLines(content, sink);
  if (tree === null) {
    try {
      tree = treeFromValue(yamlModule().parse(content));
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      sink.error('yaml-syntax', msg.yamlSyntax(detail), 1);
      return { file, format: 'yaml', run: null, issues: sink.issues };
    }
  }
  const lastNewline = content.trimEnd() === content.replace(/\n$/, '') && content.endsWith('\n');
  if (!lastNewline && content.trim() !== '') {
    const lines = content.split('\n');
    const last = lines[lines.length - 1]!;
    if (/:\s*\S/.test(last)) sink.error('truncated', msg.yamlNoFinalNewline(last.trim()), lines.length);
  }
  const run = runFromTree(tree, 'yaml', sink);
  return { file, format: 'yaml', run, issues: sink.issues };
}
