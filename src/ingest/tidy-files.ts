/**
 * The tidy files of a dataset, written straight from its observations: CSV as a generator of small chunks of rows, and
 * Apache Arrow IPC (file format) built a column at a time and streamed to the file. One writer for `cnibench ingest`
 * and the report's data/ folder: a 40,000-archive campaign holds about 3 million observations, which an arquero table
 * of every value (then toCSV) would hold twice in memory and format about a quarter slower.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Column, Table } from '@uwdata/flechette';
import {
  csvNumber,
  writeCsvNumber,
  escapeCsv,
  METRIC_UNITS,
  type CsvFormulas,
  type Dataset,
  type Observation,
} from '../model/index.js';
import { observationRowsOf } from './observations.js';

export type TidyValue = string | number | null;

let flechetteLoaded: typeof import('@uwdata/flechette') | null = null;

/**
 * flechette (the Arrow encoder), loaded on first use from its CommonJS build: `ingest --format csv` never needs it, and
 * importing it cost about 25 ms of every ingest's start-up (its CommonJS module is lexed for its exports).
 */
function flechette(): typeof import('@uwdata/flechette') {
  flechetteLoaded ??= createRequire(import.meta.url)('@uwdata/flechette') as typeof import('@uwdata/flechette');
  return flechetteLoaded;
}

/** One column of the tidy table: its name and how to read it from an observation. */
export interface TidyColumn {
  readonly name: string;
  readonly of: (o: Observation) => TidyValue;
}

/**
 * The tidy columns of a dataset (the same as ingest's `tidyTable`): one per factor (layout order), then iteration,
 * test, protocol, node, metric, unit, value, missing, source, format, knb_version, run_name, date.
 */
export function tidyColumns(dataset: Pick<Dataset, 'factors'>): TidyColumn[] {
  return [
    ...dataset.factors.map((f) => ({ name: f.name, of: (o: Observation) => o.factors[f.name] ?? null })),
    { name: 'iteration', of: (o) => o.iteration },
    { name: 'test', of: (o) => o.test },
    { name: 'protocol', of: (o) => o.protocol },
    { name: 'node', of: (o) => o.node },
    { name: 'metric', of: (o) => o.metric },
    { name: 'unit', of: (o) => METRIC_UNITS[o.metric] ?? null },
    { name: 'value', of: (o) => o.value },
    { name: 'missing', of: (o) => o.missing },
    { name: 'source', of: (o) => o.provenance.source },
    { name: 'format', of: (o) => o.provenance.format },
    { name: 'knb_version', of: (o) => o.provenance.knbVersion },
    { name: 'run_name', of: (o) => o.provenance.runName },
    { name: 'date', of: (o) => o.provenance.date },
  ];
}

/** A value as a CSV field (text made inert for spreadsheets unless `formulas` is 'raw'). */
export function csvField(value: unknown, formulas: CsvFormulas = 'neutralise'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (value instanceof Date) return value.toISOString();
  return escapeCsv(String(value), formulas);
}

/** A value as a CSV field; each distinct non-number value is escaped once (bounded cache). */
export function cachedCsvField(formulas: CsvFormulas = 'neutralise'): (value: unknown) => string {
  const cache = new Map<unknown, string>();
  return (value) => {
    if (typeof value === 'number') return csvNumber(value);
    let text = cache.get(value);
    if (text === undefined) {
      text = csvField(value, formulas);
      if (cache.size < 100_000) cache.set(value, text);
    }
    return text;
  };
}

/**
 * A string column's values as CSV fields, each distinct string escaped once (levels, units and sources repeat on
 * every row).
 */
function fieldOf(column: TidyColumn, formulas: CsvFormulas): (o: Observation) => string {
  const field = cachedCsvField(formulas);
  return (o) => field(column.of(o));
}

/**
 * The tidy CSV of a dataset in chunks of `rowsPerChunk` observations (header first), read straight from the
 * observations: the same bytes as csvChunks(tidyFromDataset(dataset)), without the table. Text cells a spreadsheet
 * would evaluate are made inert unless `formulas` is 'raw' (escapeCsv).
 *
 * Observations come file by file, and the observations of a file share their factors object (the cell) and their
 * provenance object: the fields before the test (factors, iteration) and after the value (missing excepted: source,
 * format, knb_version, run_name, date) are formatted once per file, not once per row (millions of rows at 40,000
 * archives). Chunks are small (2,000 rows, a few hundred kB): a chunk then dies young, in the new generation, instead
 * of being promoted to the old one and growing the heap by hundreds of MB before the next full collection.
 */
export function* tidyCsvChunks(
  dataset: Pick<Dataset, 'factors' | 'observations'>,
  rowsPerChunk = 2_000,
  formulas: CsvFormulas = 'neutralise',
): Generator<string> {
  const columns = tidyColumns(dataset);
  const fields = columns.map((c) => fieldOf(c, formulas));
  yield `${columns.map((c) => escapeCsv(c.name, formulas)).join(',')}\n`;
  // column groups, by position: [0, head) per file, [head, tail) per row, [tail, width) per file
  const width = columns.length;
  const head = columns.findIndex((c) => c.name === 'test');
  const tail = columns.findIndex((c) => c.name === 'source');
  const joined = (o: Observation, from: number, to: number): string => {
    let text = '';
    for (let c = from; c < to; c++) text += c === from ? fields[c]!(o) : `,${fields[c]!(o)}`;
    return text;
  };
  let lastFactors: unknown = null;
  let lastIteration = NaN;
  let prefix = '';
  let lastProvenance: unknown = null;
  let suffix = '';
  // within [head, tail): test, protocol and node change at most every seventh row (a node's metrics), and unit
  // follows metric, so those five are formatted per node and per metric; value and missing per row
  const middle = ['test', 'protocol', 'node', 'metric', 'unit', 'value', 'missing'];
  const grouped = tail - head === middle.length && middle.every((name, k) => columns[head + k]!.name === name);
  let lastTest: unknown = null;
  let lastProtocol: unknown = null;
  let lastNode: unknown = null;
  let testProtocolNode = '';
  const metricUnit = new Map<unknown, string>();
  const valueField = fields[head + 5]!;
  const missingField = fields[head + 6]!;
  const obs = dataset.observations;
  for (let start = 0; start < obs.length; start += rowsPerChunk) {
    const end = Math.min(obs.length, start + rowsPerChunk);
    let chunk = '';
    for (let i = start; i < end; i++) {
      const o = obs[i]!;
      if (o.factors !== lastFactors || o.iteration !== lastIteration) {
        lastFactors = o.factors;
        lastIteration = o.iteration;
        prefix = joined(o, 0, head);
      }
      if (o.provenance !== lastProvenance) {
        lastProvenance = o.provenance;
        suffix = joined(o, tail, width);
      }
      if (!grouped) {
        chunk += `${prefix},${joined(o, head, tail)},${suffix}\n`;
        continue;
      }
      if (o.test !== lastTest || o.protocol !== lastProtocol || o.node !== lastNode) {
        lastTest = o.test;
        lastProtocol = o.protocol;
        lastNode = o.node;
        testProtocolNode = joined(o, head, head + 3);
      }
      let mu = metricUnit.get(o.metric);
      if (mu === undefined) {
        mu = joined(o, head + 3, head + 5);
        metricUnit.set(o.metric, mu);
      }
      chunk += `${prefix},${testProtocolNode},${mu},${valueField(o)},${missingField(o)},${suffix}\n`;
    }
    yield chunk;
  }
}

/** Bytes of a CSV chunk buffer: large enough that a chunk holds a few thousand rows, small enough to die young. */
const CSV_CHUNK_BYTES = 256 * 1024;
/** Room for one number: the longest shortest-round-trip form of a double is 24 characters. */
const NUMBER_BYTES = 25;

/**
 * The tidy CSV of a dataset as UTF-8 bytes, in chunks of about 256 kB: the same bytes as tidyCsvChunks joined and
 * encoded, written straight into buffers. The parts of a row that repeat (the file's factors and iteration, its
 * provenance, test/protocol/node, metric/unit, the missing reason) are encoded once and copied; only the value is
 * formatted per row, and a number's characters are ASCII. Joining millions of row strings and encoding the result
 * cost `cnibench ingest` about 0.1 s per 5,000 archives more than this.
 */
export function* tidyCsvBytes(
  dataset: Pick<Dataset, 'factors' | 'observations'>,
  formulas: CsvFormulas = 'neutralise',
): Generator<Uint8Array> {
  const columns = tidyColumns(dataset);
  const width = columns.length;
  const head = columns.findIndex((c) => c.name === 'test');
  const tail = columns.findIndex((c) => c.name === 'source');
  const middle = ['test', 'protocol', 'node', 'metric', 'unit', 'value', 'missing'];
  if (tail - head !== middle.length || !middle.every((name, k) => columns[head + k]!.name === name)) {
    // a factor named like a tidy column: the general writer
    for (const chunk of tidyCsvChunks(dataset, undefined, formulas)) yield Buffer.from(chunk, 'utf8');
    return;
  }
  const fields = columns.map((c) => fieldOf(c, formulas));
  const joined = (o: Observation, from: number, to: number): string => {
    let text = '';
    for (let c = from; c < to; c++) text += c === from ? fields[c]!(o) : `,${fields[c]!(o)}`;
    return text;
  };
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  /** the bytes `factor levels...,iteration,` of a row */
  const prefixOf = (o: Observation): Buffer => utf8(`${joined(o, 0, head)},`);
  /** the bytes `,source,format,knb_version,run_name,date` and the line end */
  const suffixOf = (o: Observation): Buffer => utf8(`,${joined(o, tail, width)}\n`);
  /** the bytes `test,protocol,node,metric,unit,` (unit follows metric) */
  const middleOf = (o: Observation): Buffer => utf8(`${joined(o, head, head + 5)},`);
  const missingField = fields[head + 6]!;
  /** the bytes `,missing` */
  const missingOf = (o: Observation): Buffer => utf8(`,${missingField(o)}`);
  const out = new CsvRowBytes();
  out.header(utf8(`${columns.map((c) => escapeCsv(c.name, formulas)).join(',')}\n`));
  const rows = observationRowsOf(dataset);
  if (rows !== undefined) {
    // the rows of an ingest whose observations were never asked for: written from the compact rows, per key code
    const middles: Buffer[] = [];
    const missings: Buffer[] = [];
    for (let r = 0; r < rows.runCount; r++) {
      const [first, end] = rows.runRange(r);
      if (first === end) continue;
      const run = rows.observationAt(first);
      const prefix = prefixOf(run);
      const suffix = suffixOf(run);
      for (let i = first; i < end; i++) {
        const key = rows.keyCodeAt(i);
        const missingCode = rows.missingCodeAt(i);
        const full = out.row(
          prefix,
          (middles[key] ??= middleOf(rows.observationAt(i))),
          rows.valueAt(i),
          (missings[missingCode] ??= missingOf(rows.observationAt(i))),
          suffix,
        );
        if (full !== null) yield full;
      }
    }
    const last = out.rest();
    if (last !== null) yield last;
    return;
  }
  let lastFactors: unknown = null;
  let lastIteration = NaN;
  let prefix = utf8('');
  let lastProvenance: unknown = null;
  let suffix = utf8('');
  let lastTest: unknown = null;
  let lastProtocol: unknown = null;
  let lastNode: unknown = null;
  // test, protocol and node change at most every seventh row (a node's metrics): the middle bytes are found per
  // test, protocol and node, then per metric
  let middles = new Map<unknown, Buffer>();
  const middlesByNode = new Map<string, Map<unknown, Buffer>>();
  const missingBytes = new Map<unknown, Buffer>();
  for (const o of dataset.observations) {
    if (o.factors !== lastFactors || o.iteration !== lastIteration) {
      lastFactors = o.factors;
      lastIteration = o.iteration;
      prefix = prefixOf(o);
    }
    if (o.provenance !== lastProvenance) {
      lastProvenance = o.provenance;
      suffix = suffixOf(o);
    }
    if (o.test !== lastTest || o.protocol !== lastProtocol || o.node !== lastNode) {
      lastTest = o.test;
      lastProtocol = o.protocol;
      lastNode = o.node;
      const key = `${o.test}\0${o.protocol}\0${o.node}`;
      let found = middlesByNode.get(key);
      if (found === undefined) {
        found = new Map();
        middlesByNode.set(key, found);
      }
      middles = found;
    }
    let middle = middles.get(o.metric);
    if (middle === undefined) {
      middle = middleOf(o);
      middles.set(o.metric, middle);
    }
    let missing = missingBytes.get(o.missing);
    if (missing === undefined) {
      missing = missingOf(o);
      if (missingBytes.size < 10_000) missingBytes.set(o.missing, missing);
    }
    const full = out.row(prefix, middle, o.value, missing, suffix);
    if (full !== null) yield full;
  }
  const last = out.rest();
  if (last !== null) yield last;
}

/** Rows of tidy CSV gathered into chunks of about CSV_CHUNK_BYTES, each row from its ready-made parts. */
class CsvRowBytes {
  private buffer = Buffer.allocUnsafe(CSV_CHUNK_BYTES);
  private at = 0;

  private put(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  header(bytes: Buffer): void {
    if (bytes.length > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes.length);
    this.put(bytes);
  }

  /** Add one row; returns the chunk it completed, if it did. */
  row(prefix: Buffer, middle: Buffer, value: number | null, missing: Buffer, suffix: Buffer): Buffer | null {
    const most = prefix.length + middle.length + NUMBER_BYTES + missing.length + suffix.length;
    let full: Buffer | null = null;
    if (this.at + most > this.buffer.length) {
      full = this.buffer.subarray(0, this.at);
      this.buffer = Buffer.allocUnsafe(Math.max(CSV_CHUNK_BYTES, most));
      this.at = 0;
    }
    this.put(prefix);
    this.put(middle);
    // the value is a number (or empty): written in place, without a string
    this.at = writeCsvNumber(this.buffer, this.at, value);
    this.put(missing);
    this.put(suffix);
    return full;
  }

  /** The last chunk, if it holds anything. */
  rest(): Buffer | null {
    return this.at > 0 ? this.buffer.subarray(0, this.at) : null;
  }
}

/**
 * The tidy Arrow table of a dataset, built a column at a time from the observations (one plain array alive at a
 * time, released once flechette has encoded it). Types are inferred as arquero's toArrowIPC infers them, so the
 * bytes equal arrowBytes(tidyFromDataset(dataset)): strings dictionary-encoded (utf8 values, int32 indices), the
 * iteration the narrowest integer type that holds it, the value float64.
 */
export function tidyArrowTable(dataset: Pick<Dataset, 'factors' | 'observations'>): Table {
  const { columnFromArray, tableFromColumns } = flechette();
  const obs = dataset.observations;
  const built: [string, Column<unknown>][] = [];
  for (const column of tidyColumns(dataset)) {
    const values: TidyValue[] = new Array(obs.length);
    for (let i = 0; i < obs.length; i++) values[i] = column.of(obs[i]!);
    built.push([column.name, columnFromArray(values)]);
  }
  return tableFromColumns(built);
}

/** A flechette byte sink writing to an open file descriptor as the bytes come (no copy of the whole file). */
class FileSink {
  constructor(private readonly fd: number) {}
  write(bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd, bytes, offset);
  }
  pad(count: number): void {
    if (count > 0) this.write(new Uint8Array(count));
  }
  finish(): null {
    return null;
  }
}

/** Write the tidy Arrow IPC file (file format) of a dataset to `path`, streaming the encoded bytes. */
export function writeTidyArrow(path: string, dataset: Pick<Dataset, 'factors' | 'observations'>): void {
  const arrow = tidyArrowTable(dataset);
  const fd = openSync(path, 'w');
  try {
    flechette().tableToIPC(arrow, { format: 'file', sink: new FileSink(fd) as never });
  } finally {
    closeSync(fd);
  }
}
