/**
 * The structural rule is itself tested: the project's ESLint configuration must fail an import that reaches into
 * another stage's inner file (a side door) or goes against the flow, and pass one through a door down the flow.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { STAGE_FLOW } from '../../eslint-stage-doors.js';
import { REPO_ROOT } from '../helpers/shared.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function doorMessages(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(REPO_ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'cnibench/stage-doors').map((m) => m.message);
}

describe('stage doors (eslint-stage-doors.js)', () => {
  it('an import through a side door fails', async () => {
    const messages = await doorMessages(
      'src/report/probe.ts',
      "import { paperGrid } from '../figures/paper-grid.js';\nexport const f = paperGrid;\n",
    );
    expect(messages).toEqual(['side door: import figures through ../figures/index.js, not ../figures/paper-grid.js']);
  });

  it('an import against the flow fails, even through the door', async () => {
    const messages = await doorMessages(
      'src/stats/probe.ts',
      "import { formatPct } from '../present/index.js';\nexport const f = formatPct;\n",
    );
    expect(messages).toEqual(['stats may not import present: it goes against the flow (docs/architecture.md)']);
  });

  it('an import through a door, down the flow, passes', async () => {
    const messages = await doorMessages(
      'src/tables/probe.ts',
      "import { formatPct } from '../present/index.js';\nimport { HEADLINE_METRICS } from '../model/index.js';\nexport const f = [formatPct, HEADLINE_METRICS];\n",
    );
    expect(messages).toEqual([]);
  });

  it('the flow has no cycle and names every stage folder', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const folders = readdirSync(join(REPO_ROOT, 'src'))
      .filter((n) => statSync(join(REPO_ROOT, 'src', n)).isDirectory())
      .sort();
    expect(Object.keys(STAGE_FLOW).sort()).toEqual(folders);
    // depth-first search for a cycle
    const state = new Map<string, 'open' | 'done'>();
    const visit = (stage: string): void => {
      expect(state.get(stage), `cycle through ${stage}`).not.toBe('open');
      if (state.get(stage) === 'done') return;
      state.set(stage, 'open');
      for (const next of STAGE_FLOW[stage] ?? []) visit(next);
      state.set(stage, 'done');
    };
    for (const stage of Object.keys(STAGE_FLOW)) visit(stage);
  });
});
