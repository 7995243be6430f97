/**
 * `knb -fd <data> -o ibdbench` (knb ≥ 1.4.0, compute-ibdbench-result): one TSV row of 26 fields for the infraBuilder
 * spreadsheet, written with `echo -en` (no newline). Server before client; CPU as a `=u+n+s+i+st` formula; idle's
 * bandwidth is not a column. Skipped tests keep their columns (empty values, `=0.00+…`).
 */
import type { KnbWorkDir, KnbTest } from '../types.js';
import { fixedField, field } from './awk.js';
import { KnbDirView } from './knb-dir.js';

function metrics(view: KnbDirView, pod: string): string {
  const cells: string[] = [];
  for (const node of ['server', 'client'] as const) {
    // `awk 'NR==2' $DATADIR/$POD_NAME-<node>.avg`: with an empty pod name the file does not exist → empty line
    const avg = pod === '' ? { line: '', fields: [] } : view.avg(pod, node);
    cells.push(field(avg, 6), `=${[1, 2, 3, 4, 5].map((k) => fixedField(avg, k)).join('+')}`);
  }
  return cells.join('\t');
}

/** The ibdbench row knb prints for this work directory (no trailing newline). */
export function renderIbdbench(run: KnbWorkDir): string {
  const view = new KnbDirView(run);
  let row = `${view.cat('mtu')}\t\t${metrics(view, view.pod('idle'))}\t`;
  const tests: KnbTest[] = ['p2p-tcp', 'p2p-udp', 'p2s-tcp', 'p2s-udp'];
  row += tests
    .map((test) => {
      const pod = view.pod(test);
      return `${pod === '' ? '' : view.bandwidth(pod)}\t${metrics(view, pod)}`;
    })
    .join('\t');
  return row;
}
