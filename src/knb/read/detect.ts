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
  /** the first characters, for messages */
  readonly start: string;
}

const HEAD = 8192;

export function detectFormat(bytes: Uint8Array, _file?: string): Detection {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return { format: 'knbdata', start: '\\x1f\\x8b' };
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD)).toString('utf8');
  const start = (head.trimStart().split('\n')[0] ?? '').replace(/\r$/, '').slice(0, 40);
  if (head.trim() === '') return { format: null, start: '' };
  if (looksLikeFailedRun(head)) return { format: 'failed-run', start };
  const lines = head.split('\n').map(cleanLine);
  if (lines.some((l, i) => /^={20,}\s*$/.test(l) && /^ (?:Benchmark )?Results/.test(lines[i + 1] ?? ''))) {
    return { format: 'text', start };
  }
  const firstLine = lines.find((l) => l.trim() !== '' && !LOG_LINE.test(l)) ?? '';
  if (/^\s*\{/.test(firstLine)) return { format: 'json', start };
  // a console capture: the report's opening brace after a prompt line
  if (lines.some((l, i) => l.trim() === '{' && /^\s*"(?:metadata|data)"\s*:/.test(lines[i + 1] ?? ''))) {
    return { format: 'json', start };
  }
  if (lines.some((l) => /^metadata:\s*$/.test(l)) && lines.some((l) => /^data:\s*$/.test(l) || l.startsWith('data:'))) {
    return { format: 'yaml', start };
  }
  // one TSV line (knb writes 26 fields; a different count is then reported by the ibdbench parser)
  const single = head.replace(/\r?\n$/, '');
  if (!single.includes('\n') && firstLine.split('\t').length >= 6) return { format: 'ibdbench', start };
  if (/^metadata:/.test(firstLine)) return { format: 'yaml', start };
  return { format: null, start };
}
