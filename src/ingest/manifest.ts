/**
 * A design file as an alternative to a layout (campaign.yaml `manifest: design.csv`, `--manifest`): a CSV with a
 * `file` column (path relative to the campaign directory), one column per factor, and optionally `iteration`. Files
 * it does not list are auxiliary. Quoted fields follow RFC 4180 (`"a, b"`, `""` for a quote).
 */
import { ingestMessages as msg } from './messages.js';
import { CnibenchError } from '../model/index.js';

export interface ManifestRow {
  readonly file: string;
  /** raw levels per factor */
  readonly levels: Readonly<Record<string, string>>;
  /** from the `iteration` column, null when the column is absent or empty */
  readonly iteration: number | null;
  /** 1-based line in the CSV */
  readonly line: number;
}

export interface Manifest {
  /** the CSV, relative to the campaign directory */
  readonly file: string;
  readonly factors: readonly string[];
  readonly rows: readonly ManifestRow[];
}

/** Split CSV text into records of fields with their line numbers. */
function csvRecords(text: string, file: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ fields, line: start });
    fields = [];
    field = '';
  };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new CnibenchError('manifest', msg.manifestQuote(), { file, line: start });
  if (field !== '' || fields.length > 0) end();
  return records;
}

/** Parse a design CSV. @throws CnibenchError naming the file and line of a bad header or row */
export function parseManifest(text: string, file: string): Manifest {
  const records = csvRecords(text, file);
  const header = records[0];
  if (!header) throw new CnibenchError('manifest', msg.manifestEmpty(), { file, line: 1 });
  const names = header.fields.map((f) => f.trim());
  const fileColumn = names.indexOf('file');
  if (fileColumn < 0) throw new CnibenchError('manifest', msg.manifestNoFile(names), { file, line: header.line });
  const iterationColumn = names.indexOf('iteration');
  const factorColumns = names
    .map((name, index) => ({ name, index }))
    .filter((c) => c.index !== fileColumn && c.index !== iterationColumn);
  for (const c of factorColumns) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(c.name)) {
      throw new CnibenchError('manifest', msg.manifestColumn(c.name), { file, line: header.line });
    }
  }
  if (new Set(names).size !== names.length) {
    throw new CnibenchError('manifest', msg.manifestRepeated(), { file, line: header.line });
  }
  const seen = new Map<string, number>();
  const rows: ManifestRow[] = records.slice(1).map((r) => {
    if (r.fields.length !== names.length) {
      throw new CnibenchError('manifest', msg.manifestWidth(r.fields.length, names.length), { file, line: r.line });
    }
    const path = r.fields[fileColumn]!.trim().replace(/^\.\//, '');
    if (path === '' || path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '')) {
      throw new CnibenchError('manifest', msg.manifestPath(path), { file, line: r.line });
    }
    const first = seen.get(path);
    if (first !== undefined)
      throw new CnibenchError('manifest', msg.manifestTwice(path, first), { file, line: r.line });
    seen.set(path, r.line);
    const levels: Record<string, string> = {};
    for (const c of factorColumns) {
      const value = r.fields[c.index]!.trim();
      if (value === '') throw new CnibenchError('manifest', msg.manifestEmptyLevel(c.name), { file, line: r.line });
      levels[c.name] = value;
    }
    let iteration: number | null = null;
    if (iterationColumn >= 0) {
      const raw = r.fields[iterationColumn]!.trim();
      if (raw !== '') {
        if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) {
          throw new CnibenchError('manifest', msg.manifestIteration(raw), { file, line: r.line });
        }
        iteration = Number(raw);
      }
    }
    return { file: path, levels, iteration, line: r.line };
  });
  return { file, factors: factorColumns.map((c) => c.name), rows };
}
