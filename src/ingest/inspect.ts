/** `cnibench inspect`: one knb output, normalised, as text (or JSON) for a person to check. */
import { formatIssue, maxOf } from '../model/index.js';
import { unpackSamples, type KnbRun, type Measured, type ParsedKnb } from '../knb/index.js';

function show(m: Measured | null | undefined): string {
  if (!m) return '-';
  return m.value === null ? `(missing: ${m.missing})` : m.text || String(m.value);
}

/** A plain-text view: format, version, metadata, a table of values, warnings and errors. */
export function inspectText(parsed: ParsedKnb): string {
  const out: string[] = [];
  out.push(`file:          ${parsed.file}`);
  out.push(
    `format:        ${parsed.format ?? 'not recognised'}${parsed.run?.variant ? ` (${parsed.run.variant})` : ''}`,
  );
  if (parsed.failure) {
    out.push(`failed run: ${parsed.failure.reason}`);
  }
  const run = parsed.run;
  if (run) {
    const m = run.metadata;
    out.push(`version:       ${m.version ?? '(not in this format)'}`);
    const meta: [string, string | null][] = [
      ['name', m.name],
      ['date', m.date],
      ['server', m.serverNode],
      ['client', m.clientNode],
      ['socket buffer', m.socketBufferSize],
      ['cpu', run.detected.cpu],
      ['kernel', run.detected.kernel],
      ['k8s version', run.detected.k8sVersion],
      ['mtu', run.detected.mtu],
    ];
    for (const [k, v] of meta) if (v !== null) out.push(`${`${k}:`.padEnd(15)}${v}`);
    out.push('');
    const header = ['test', 'bandwidth', 'node', 'cpu', 'user', 'nice', 'system', 'iowait', 'steal', 'ram'];
    const rows: string[][] = [header];
    for (const t of run.tests) {
      const name = t.protocol ? `${t.test} ${t.protocol}` : t.test;
      const bw = t.test === 'idle' ? '-' : show(t.bandwidth);
      for (const node of ['client', 'server'] as const) {
        const r = t[node];
        rows.push([
          node === 'client' ? name : '',
          node === 'client' ? bw : '',
          node,
          show(r?.cpu.total),
          show(r?.cpu.user),
          show(r?.cpu.nice),
          show(r?.cpu.system),
          show(r?.cpu.iowait),
          show(r?.cpu.steal),
          show(r?.ram),
        ]);
      }
    }
    const widths = header.map((_, c) => maxOf(rows.map((r) => r[c]!.length)));
    for (const r of rows)
      out.push(
        r
          .map((v, c) => (c < 3 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)))
          .join('  ')
          .trimEnd(),
      );
    if (run.samples.length > 0) {
      out.push('');
      out.push(
        `per-second samples: ${run.samples.length} series, ${run.samples.reduce((a, s) => a + s.packed.count, 0)} samples`,
      );
    }
  }
  const issues = parsed.issues;
  if (issues.length > 0) {
    out.push('');
    for (const i of issues) out.push(formatIssue(i));
  }
  return `${out.join('\n')}\n`;
}

/** A JSON view (stable key order) of the parsed file, samples unpacked. */
export function inspectJson(parsed: ParsedKnb): string {
  const run: KnbRun | null = parsed.run;
  const value = {
    file: parsed.file,
    format: parsed.format,
    variant: run?.variant ?? null,
    metadata: run?.metadata ?? null,
    detected: run?.detected ?? null,
    tests: run?.tests ?? [],
    samples: (run?.samples ?? []).map((s) => ({
      test: s.test,
      protocol: s.protocol,
      node: s.node,
      member: s.member,
      samples: unpackSamples(s.packed),
    })),
    failure: parsed.failure ?? null,
    issues: parsed.issues,
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
