/**
 * Which knb format a file holds, decided by its content (never its name): gzip magic → `.knbdata`; a runner failure
 * record; `{` → json; a line of 57 `=` with a Results title → text; 26 tab-separated fields → ibdbench;
 * `metadata:` at column 0 → yaml. Console captures may start with a prompt and log lines: those are skipped.
 */
import type { KnbFormat } from '../../model/index.js';
import { looksLikeFailedRun } from './failed.js';
import { cleanLine, LOG_LINE } from './lines.js';

export type DetectedFormat = Exclude<KnbFormat, 'directory'>;

export interface Detection {
  /** null when the content is not a knb output */
  readonly format: DetectedFormat | null;
  /**
   * for content that is not a knb output (format null), what it looks like, for messages: size, kind (text or binary) and at most the first 8 bytes in hex.
   * Never the content itself: a file that is not a knb output may be anything (a credential behind a symlink).
   */
  readonly start: string;
}

const HEAD = 8192;

/** The first bytes shown in hex in messages: enough to tell a format by its magic number, too few to carry a secret. */
const HEX_BYTES = 8;

/** `1234 bytes of text, first bytes 7b 0a 20 20 …`: no character of the content. */
export function describeContent(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, HEX_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  let binary = false;
  for (let i = 0; i < Math.min(bytes.length, HEAD); i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 27)) binary = true;
  }
  return `${bytes.length} bytes of ${binary ? 'binary data' : 'text'}, first bytes ${shown}${bytes.length > HEX_BYTES ? ' …' : ''}`;
}

export function detectFormat(bytes: Uint8Array, _file?: string): Detection {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return { format: 'knbdata', start: '' };
  let head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD)).toString('utf8');
  // a UTF-8 byte order mark (editors on Windows add one) is not content; the parsers drop it too (lines.ts decode)
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  if (head.trim() === '') return { format: null, start: '' };
  if (looksLikeFailedRun(head)) return { format: 'failed-run', start: '' };
  const lines = head.split('\n').map(cleanLine);
  if (lines.some((l, i) => /^={20,}\s*$/.test(l) && /^ (?:Benchmark )?Results/.test(lines[i + 1] ?? ''))) {
    return { format: 'text', start: '' };
  }
  const firstLine = lines.find((l) => l.trim() !== '' && !LOG_LINE.test(l)) ?? '';
  if (/^\s*\{/.test(firstLine)) return { format: 'json', start: '' };
  // a console capture: the report's opening brace after a prompt line
  if (lines.some((l, i) => l.trim() === '{' && /^\s*"(?:metadata|data)"\s*:/.test(lines[i + 1] ?? ''))) {
    return { format: 'json', start: '' };
  }
  if (lines.some((l) => /^metadata:\s*$/.test(l)) && lines.some((l) => /^data:\s*$/.test(l) || l.startsWith('data:'))) {
    return { format: 'yaml', start: '' };
  }
  // one TSV line (knb writes 26 fields; a different count is then reported by the ibdbench parser)
  const single = head.replace(/\r?\n$/, '');
  if (!single.includes('\n') && firstLine.split('\t').length >= 6) return { format: 'ibdbench', start: '' };
  if (/^metadata:/.test(firstLine)) return { format: 'yaml', start: '' };
  return { format: null, start: describeContent(bytes) };
}
