/** Line handling shared by the text-like parsers: console captures carry log lines, ANSI colours and `\r`. */

/** knb log line: `YYYY-MM-DD HH:MM:SS [LEVEL] message` (after ANSI codes are removed). */
export const LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[[A-Z]+\]/;

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Remove ANSI escape sequences and every `\r` (terminal captures end lines with `\r\n` or `\r\r\n`). */
export function cleanLine(line: string): string {
  return line.replace(ANSI, '').replace(/\r/g, '');
}

export function decode(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Where JSON.parse failed, without the excerpt of the input V8 puts in some of its messages (`Unexpected token 'x',
 * "…" is not valid JSON`): the input may not be a knb output at all.
 */
export function jsonErrorWhere(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const at = /at position (\d+)/.exec(message);
  if (at) return `invalid JSON at character ${Number(at[1]) + 1}`;
  return /end of JSON input/.test(message) ? 'the JSON ends too early' : 'invalid JSON';
}
