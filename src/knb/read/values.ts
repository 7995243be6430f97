/**
 * Reading one number as knb printed it, shared by every parser: empty → missing, `nan`/`NaN` → missing, otherwise a
 * finite decimal or a warning that the value is unreadable (kept as missing, never 0).
 */
import type { Issue, MissingReason } from '../../model/index.js';
import { cFixed2 } from '../c-printf.js';
import { knbMessages as msg } from '../messages.js';
import type { CpuKey, KnbNodeResult, Measured } from './run.js';

// knb prints plain decimals only (iperf3 `%.0f`/`%.1f`/`%.2f`, awk `%.2f`/`%d`): no sign, no exponent. Anything
// else is not something knb wrote, so it is unreadable rather than silently accepted.
const NUMBER = /^\d+(?:\.\d+)?$/;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of a text NUMBER matches, or NaN when it does not match; without the regex or Number() (this runs ~70
 * times per archive, and string-to-number conversion is a runtime call). With at most 15 digits, `k / 10^d` divides
 * two exact doubles, so it is the correctly rounded value of the decimal: exactly what Number() gives. Longer numbers
 * go through Number(); one beyond the range of a double gives NaN.
 */
export function plainDecimalValue(text: string): number {
  const n = text.length;
  if (n === 0) return NaN;
  let dot = -1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0 || i === 0 || i === n - 1) return NaN;
      dot = i;
    } else if (c < 48 || c > 57) return NaN;
    else k = k * 10 + (c - 48);
  }
  if (n - (dot < 0 ? 0 : 1) <= 15) return dot < 0 ? k : k / POW10[n - 1 - dot]!;
  // a number beyond a double's range (a 401-digit bandwidth) is not a value: NaN, never Infinity
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/** Same test as NUMBER without a regex. */
export function isPlainDecimal(text: string): boolean {
  return !Number.isNaN(plainDecimalValue(text));
}
const NAN = /^[+-]?nan$/i;

/** Where an issue is reported; the parser fills the file (and member for archives). */
export interface IssueSink {
  warn(code: string, message: string, line?: number): void;
  error(code: string, message: string, line?: number): void;
  /** the same sink, with issues located in an archive member */
  member(member: string): IssueSink;
  readonly issues: Issue[];
}

class Sink implements IssueSink {
  constructor(
    private readonly file: string,
    private readonly memberName: string | undefined,
    readonly issues: Issue[],
  ) {}
  private add(severity: Issue['severity'], code: string, message: string, line?: number): void {
    const issue: { -readonly [K in keyof Issue]: Issue[K] } = { severity, code, message, file: this.file };
    if (line !== undefined) issue.line = line;
    if (this.memberName !== undefined) issue.member = this.memberName;
    this.issues.push(issue);
  }
  warn(code: string, message: string, line?: number): void {
    this.add('warning', code, message, line);
  }
  error(code: string, message: string, line?: number): void {
    this.add('error', code, message, line);
  }
  member(member: string): IssueSink {
    return new Sink(this.file, member, this.issues);
  }
}

export function issueSink(file: string, member?: string, issues: Issue[] = []): IssueSink {
  return new Sink(file, member, issues);
}

export function present(value: number, text: string): Measured {
  return { value, missing: null, text };
}

export function absent(missing: MissingReason, text = ''): Measured {
  return { value: null, missing, text };
}

/**
 * Read a knb number. `emptyReason` says why an empty value is missing (bandwidth: no receiver line; cpu/ram: no
 * monitor samples). Empty values are knb's normal failure rendering, so they carry no issue unless `warnEmpty`.
 */
export function readMeasured(
  raw: string | null | undefined,
  path: string,
  emptyReason: MissingReason,
  sink: IssueSink,
  line?: number,
  options: { warnEmpty?: boolean; warnNan?: boolean } = {},
): Measured {
  const plain = raw ? plainDecimalValue(raw) : NaN;
  if (!Number.isNaN(plain)) return present(plain, raw!);
  const text = (raw ?? '').trim();
  if (text !== '' && raw !== text) {
    // knb never pads a number; a blank inside or after one means the value was altered or cut
    sink.warn('unreadable-number', msg.unreadableNumber(path, raw ?? ''), line);
    return absent('unreadable', raw ?? '');
  }
  if (text === '' || text === 'null') {
    if (options.warnEmpty) sink.warn('empty-value', msg.emptyValue(path), line);
    return absent(emptyReason, text === 'null' ? '' : text);
  }
  if (NAN.test(text)) {
    if (options.warnNan) sink.warn('nan-value', msg.nanValue(path), line);
    return absent('nan', text);
  }
  if (NUMBER.test(text)) {
    // the form of a number, beyond a double's range (plainDecimalValue gave NaN)
    sink.warn('number-too-large', msg.numberTooLarge(path, text.length), line);
    return absent('unreadable', text);
  }
  sink.warn('unreadable-number', msg.unreadableNumber(path, text), line);
  return absent('unreadable', text);
}

/** `total` as knb computes it: `printf "%.2f"` of the sum of the already-rounded components (FORMATS.md §2.2). */
export function knbTotal(components: readonly Measured[]): Measured {
  // plain loops rather than every/some/find with closures: this runs for every node of every archive
  let firstMissing: MissingReason | null = null;
  let firstNull: Measured | null = null;
  let sum = 0;
  for (const c of components) {
    if (firstMissing === null && c.missing !== null) firstMissing = c.missing;
    if (c.value === null) firstNull ??= c;
    else sum += c.value;
  }
  if (firstNull !== null) {
    const allNull = components.every((c) => c.value === null);
    return absent(allNull ? (firstMissing ?? 'no-monitor-samples') : firstNull.missing!);
  }
  // five finite components can still sum beyond a double's range
  if (!Number.isFinite(sum)) return absent('unreadable');
  const text = cFixed2(sum);
  const value = plainDecimalValue(text);
  return present(Number.isNaN(value) ? Number(text) : value, text);
}

/**
 * Assemble a node result. knb prints `total: 0.00` when the monitor returned nothing (the sum of empty values), so a
 * total whose components are all missing is itself missing, with their reason.
 */
export function nodeResult(
  total: Measured | null,
  components: Readonly<Record<Exclude<CpuKey, 'total'>, Measured>>,
  ram: Measured,
): KnbNodeResult {
  const { user, nice, system, iowait, steal } = components;
  let t = total ?? knbTotal([user, nice, system, iowait, steal]);
  const allMissing =
    user.value === null &&
    nice.value === null &&
    system.value === null &&
    iowait.value === null &&
    steal.value === null;
  if (allMissing && t.value !== null) t = absent(user.missing ?? 'no-monitor-samples', t.text);
  return { cpu: { total: t, ...components }, ram };
}
