/**
 * `-o json` reports. knb writes JSON with `echo`, so it is often invalid (FORMATS.md §3.1): trailing or missing commas,
 * unquoted strings, empty values, raw `\r`, bare `nan`. The layout is fixed (one key per line), so the parser reads it
 * line by line with brace depth, warning about each hazard; minified or re-indented JSON falls back to JSON.parse.
 */
import { knbMessages as msg } from '../messages.js';
import type { ParsedKnb } from './run.js';
import { cleanLine, decode, jsonErrorWhere, LOG_LINE } from './lines.js';
import { doubleQuotedLeaf, runFromTree, treeFromValue, treeObject, type TreeNode, type TreeObject } from './tree.js';
import { issueSink, type IssueSink } from './values.js';

// knb writes exactly one blank after the colon; more would hide a replaced digit (`"ram":  96`), so they are kept
const ENTRY = /^"((?:[^"\\]|\\.)*)"\s*:[ \t]?(.*)$/;

interface Frame {
  obj: TreeObject;
  /** whether the last entry ended with a comma, and its line */
  lastComma: boolean | null;
  lastLine: number;
}

function leafFromToken(raw: string, line: number, key: string, sink: IssueSink): TreeNode {
  const token = raw.trim();
  if (token.startsWith('"')) {
    if (token.length >= 2 && token.endsWith('"')) return doubleQuotedLeaf(token, line);
    sink.error('json-structure', msg.structureLine(`"${key}": ${token}`, 'a closing quote'), line);
    return { kind: 'leaf', raw: token.slice(1), quoted: true, line };
  }
  if (token === 'null') return { kind: 'leaf', raw: null, quoted: false, line };
  return { kind: 'leaf', raw, quoted: false, line };
}

/** Line-based reading of knb's JSON layout. Returns null when the text does not follow it (then JSON.parse is tried). */
function parseLines(content: string, sink: IssueSink): TreeNode | null {
  const lines = content.split('\n');
  const stack: Frame[] = [];
  let root: TreeObject | null = null;
  let closed = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const original = lines[i]!;
    let line = original.endsWith('\r') ? original.slice(0, -1) : original;
    if (/[\x00-\x08\x0b-\x1f]/.test(line)) {
      sink.warn('json-control-character', msg.jsonControlCharacter(), lineNo);
      line = line.replace(/[\x00-\x08\x0b-\x1f]/g, '');
    }
    line = cleanLine(line).trimStart();
    if (line.trim() === '') {
      // knb writes no blank line inside the object: one may follow a line cut short
      if (stack.length > 0) sink.warn('blank-line', msg.blankLine(), lineNo);
      continue;
    }
    // a value's own trailing blanks are kept (see readMeasured); the line's structure is matched without them
    const bare = line.trimEnd();
    if (closed || stack.length === 0) {
      if (LOG_LINE.test(line)) continue;
      if (!closed && bare === '{') {
        root = treeObject(lineNo);
        stack.push({ obj: root, lastComma: null, lastLine: lineNo });
        continue;
      }
      if (closed) {
        sink.error('json-structure', msg.structureLine(bare, 'nothing after the closing brace'), lineNo);
        return root;
      }
      // before the report: a console capture's prompt, or a minified JSON line (then JSON.parse reads it)
      continue;
    }
    const top = stack[stack.length - 1]!;
    if (/^}\s*,?$/.test(bare)) {
      if (top.lastComma === true) sink.warn('json-trailing-comma', msg.jsonTrailingComma(), top.lastLine);
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.lastComma = bare.endsWith(',');
        parent.lastLine = lineNo;
      } else closed = true;
      continue;
    }
    const m = ENTRY.exec(line);
    if (!m) {
      if (stack.length === 1 && root && root.entries.size === 0) return null;
      sink.error('json-structure', msg.structureLine(bare, '`"key": value` or a closing brace'), lineNo);
      return root;
    }
    if (top.lastComma === false) sink.warn('json-missing-comma', msg.jsonMissingComma(), top.lastLine);
    const key = m[1]!;
    let rest = m[2]!;
    const comma = rest.trimEnd().endsWith(',');
    if (comma) rest = rest.trimEnd().slice(0, -1);
    // knb writes `"steal": ` (blank after the colon) for an empty value: that is empty, not a padded number
    if (rest.trim() === '') rest = '';
    if (top.obj.entries.has(key)) sink.warn('duplicate-key', msg.duplicateKey(key), lineNo);
    if (rest.trim() === '{') {
      const obj = treeObject(lineNo);
      if (!top.obj.entries.has(key)) top.obj.entries.set(key, obj);
      top.lastComma = null;
      stack.push({ obj, lastComma: null, lastLine: lineNo });
      continue;
    }
    if (!top.obj.entries.has(key)) top.obj.entries.set(key, leafFromToken(rest, lineNo, key, sink));
    top.lastComma = comma;
    top.lastLine = lineNo;
  }
  if (!root) return null;
  if (stack.length > 0) {
    sink.error(
      'truncated',
      msg.unclosed(`the object opened at line ${stack[stack.length - 1]!.obj.line}`),
      lines.length,
    );
  }
  return root;
}

export function parseJson(bytes: Uint8Array, file: string): ParsedKnb {
  const content = decode(bytes);
  const sink = issueSink(file);
  let tree = parseLines(content, sink);
  if (tree === null) {
    try {
      tree = treeFromValue(JSON.parse(content));
    } catch (error) {
      // content that follows neither layout is not recognised as knb's: described, never quoted
      sink.error('json-structure', msg.jsonUnreadable(jsonErrorWhere(error)), 1);
      return { file, format: 'json', run: null, issues: sink.issues };
    }
  }
  const run = runFromTree(tree, 'json', sink);
  return { file, format: 'json', run, issues: sink.issues };
}
