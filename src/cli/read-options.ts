/**
 * The reading options shared by `cnibench ingest` and `cnibench report build`: links out of the campaign, the file
 * size limit and the unpacked size limit of archives (issue 11: hostile and unlucky input).
 */
import { CnibenchError } from '../model/index.js';

/** parseArgs declarations of the options. */
export const READ_OPTIONS = {
  'follow-symlinks-outside': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'max-unpacked-size': { type: 'string' },
} as const;

/** Help lines of the options (two-space indent, aligned as the commands' own). */
export const READ_OPTIONS_HELP = `  --follow-symlinks-outside  read symbolic links that lead out of the campaign directory (default: such a link is
                           rejected, with where it leads, and never opened)
  --max-file-size SIZE     largest file or archive member read (default 64MiB); SIZE in bytes or with
                           KiB/MiB/GiB (also K/M/G, binary)
  --max-unpacked-size SIZE largest decompressed content of one .knbdata (default 256MiB); inflating stops there`;

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `64MiB`, `65536`, `1.5G` → bytes. @throws CnibenchError (usage) naming the option */
export function parseByteSize(command: string, name: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new CnibenchError(
      'usage',
      `cnibench ${command}: --${name} expects a size such as 65536, 64MiB or 1GiB, got ${JSON.stringify(raw)}`,
    );
  }
  return bytes;
}

/** The ingest options from parsed values (only those given: the library's defaults apply otherwise). */
export function readOptions(
  command: string,
  values: Record<string, unknown>,
): { followSymlinksOutside?: boolean; maxFileSize?: number; maxUnpackedSize?: number } {
  const out: { followSymlinksOutside?: boolean; maxFileSize?: number; maxUnpackedSize?: number } = {};
  if (values['follow-symlinks-outside'] === true) out.followSymlinksOutside = true;
  const file = values['max-file-size'];
  if (typeof file === 'string') out.maxFileSize = parseByteSize(command, 'max-file-size', file);
  const unpacked = values['max-unpacked-size'];
  if (typeof unpacked === 'string') out.maxUnpackedSize = parseByteSize(command, 'max-unpacked-size', unpacked);
  return out;
}
