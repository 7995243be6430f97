/**
 * knb's view of a work directory in `-fd` mode: `source env`, `$(cat file)` and `awk 'NR==2'` of the `.avg` files.
 * The renderers go through this module only, so that they see exactly what knb 1.5.0's shell sees.
 */
import { fileOf, KNB_TESTS, TEST_ENV_KEYS, type KnbTest, type KnbWorkDir } from '../types.js';

/** `source env` of knb's own env file: `KEY="value"` lines (values never contain escaped quotes in practice). */
export function parseEnv(content: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of content.split('\n')) {
    const match = /^([A-Z_0-9]+)=(?:"(.*)"|(\S*))$/.exec(line);
    if (match) env.set(match[1] as string, match[2] ?? match[3] ?? '');
  }
  return env;
}

/** The values knb prints for one node of one test (line 2 of its `.avg`, split like awk's default field splitting). */
export interface AvgFields {
  /** the raw line (`awk 'NR==2'`), '' when the monitor returned no records or the file is missing */
  readonly line: string;
  /** whitespace-separated fields of the line */
  readonly fields: readonly string[];
}

export class KnbDirView {
  readonly env: Map<string, string>;
  constructor(private readonly run: KnbWorkDir) {
    this.env = parseEnv(fileOf(run, 'env')?.content ?? '');
  }

  /** `$VAR` after `source env` ('' when unset). */
  variable(name: string): string {
    return this.env.get(name) ?? '';
  }

  /** `$(cat file)`: the content with trailing newlines removed (a `\r` stays); '' when missing. */
  cat(name: string): string {
    return (fileOf(this.run, name)?.content ?? '').replace(/\n+$/, '');
  }

  /** The client pod name of a test, '' when it did not run. */
  pod(test: KnbTest): string {
    return this.variable(TEST_ENV_KEYS[test]);
  }

  /** The tests that ran (non-empty pod name), in knb's order. */
  testsRan(): KnbTest[] {
    return KNB_TESTS.filter((t) => this.pod(t) !== '');
  }

  /** `awk 'NR==2' <pod>-<node>.avg`. */
  avg(pod: string, node: 'client' | 'server'): AvgFields {
    const content = fileOf(this.run, `${pod}-${node}.avg`)?.content ?? '';
    const line = content.split('\n')[1] ?? '';
    return { line, fields: line.split(/[ \t]+/).filter((f) => f !== '') };
  }

  /** `$(cat <pod>.bw)` */
  bandwidth(pod: string): string {
    return this.cat(`${pod}.bw`);
  }
}
