/**
 * The example gate (as vega-lite's own examples.test.ts): every figure spec validates against the schema the
 * vega-lite package ships, compiles without a warning, embeds its data, and is unchanged by compiling.
 * Plus snapshots of the spec JSON (stable key order) for a small fixture: written on the first run,
 * compared after; a mismatch writes `<id>.got.vl.json` beside the snapshot for review. Snapshots are stored as
 * prettier formats them, so that the project's `prettier --check .` and the snapshots agree.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  deltaHeatmap,
  interactionPlot,
  iterationsView,
  overTime,
  paperGrid,
  specJson,
  validateSpec,
} from '../../src/figures/index.js';
import type { FigureSpec } from '../../src/figures/index.js';
import { makeAnalysis, withDrift } from './data.js';

const SNAPSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'specs');
const full = makeAnalysis();
const small = makeAnalysis({
  testbeds: ['UOM'],
  distributions: ['k8s', 'k3s', 'mk8s'],
  plugins: ['flannel', 'calico', 'cilium'],
  iterations: 5,
  seed: 7,
});

const builders: Record<string, (size: 'page' | 'column') => FigureSpec[]> = {
  paperGrid: (size) => Object.values(paperGrid(full, { size })),
  paperGridBothNodesSwapped: (size) =>
    Object.values(paperGrid(full, { size, node: 'both', layout: 'metric-rows', yScale: 'metric' })),
  deltaHeatmap: (size) => Object.values(deltaHeatmap(full, { size })),
  interactionPlot: (size) => Object.values(interactionPlot(full, { size })),
  iterationsView: (size) => Object.values(iterationsView(full, { size, metrics: ['ram'] })),
  overTime: (size) => Object.values(overTime(withDrift(full), { size })),
  overTimeBothNodesAllConditions: (size) =>
    Object.values(overTime(withDrift(full), { size, node: 'both', conditions: ['idle', 'p2p-tcp', 'p2p-udp'] })),
};

describe('schema and compile gate', () => {
  for (const [name, build] of Object.entries(builders)) {
    for (const size of ['page', 'column'] as const) {
      it(`${name} (${size}): valid, no warnings, data embedded`, async () => {
        const figures = build(size);
        expect(figures.length).toBeGreaterThan(0);
        for (const figure of figures) {
          const result = await validateSpec(figure.spec);
          expect({ id: figure.id, ...result }).toEqual({
            id: figure.id,
            valid: true,
            schemaErrors: [],
            compileWarnings: [],
            externalData: [],
          });
        }
      });
    }
  }

  it('the gate rejects what it should: a schema error, a compile warning, a URL', async () => {
    const bad = await validateSpec({
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal', bogus: 1 } },
    } as never);
    expect(bad.valid).toBe(false);
    expect(bad.schemaErrors.length).toBeGreaterThan(0);
    const warns = await validateSpec({
      data: { values: [{ a: 1 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } },
    } as never);
    expect(warns.valid).toBe(false);
    expect(warns.compileWarnings.join('\n')).toMatch(/shape/);
    const url = await validateSpec({ data: { url: 'https://example.org/x.csv' }, mark: 'point' } as never);
    expect(url.externalData).toEqual(['https://example.org/x.csv']);
    expect(url.valid).toBe(false);
  });
});

describe('determinism', () => {
  it('the same Analysis, built twice, gives byte-identical spec JSON', () => {
    const again = makeAnalysis();
    for (const build of [paperGrid, deltaHeatmap, interactionPlot, iterationsView]) {
      expect(Object.values(build(again)).map((f) => specJson(f.spec))).toEqual(
        Object.values(build(full)).map((f) => specJson(f.spec)),
      );
    }
  });

  it('over time: the same drift records give byte-identical specs; no run times, no figure', () => {
    expect(Object.values(overTime(withDrift(makeAnalysis()))).map((f) => specJson(f.spec))).toEqual(
      Object.values(overTime(withDrift(full))).map((f) => specJson(f.spec)),
    );
    expect(overTime(full)).toEqual({});
  });

  it("over time: panels beyond maxPointsPerPanel show each level's mean per time slice, and say so", () => {
    type Point = { hours: number; value: number; color: string };
    const panelsOf = (figure: FigureSpec): Point[][] => {
      const found: Point[][] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node !== null && typeof node === 'object') {
          const values = (node as { data?: { values?: Point[] } }).data?.values;
          if (values !== undefined && values.length > 0 && 'hours' in values[0]!) found.push(values);
          else Object.values(node).forEach(walk);
        }
      };
      walk(figure.spec);
      return found;
    };
    const analysis = withDrift(full);
    const whole = Object.values(overTime(analysis))[0]!;
    const allRuns = panelsOf(whole);
    const largest = Math.max(...allRuns.map((p) => p.length));
    expect(largest).toBeGreaterThan(20);
    const sliced = Object.values(overTime(analysis, { maxPointsPerPanel: 20, timeSlices: 4 }))[0]!;
    expect(sliced.caption).toContain(`a panel with more than 20 runs shows each level's mean over 4 equal time slices`);
    expect(sliced.caption).toContain(`up to ${largest} runs a panel`);
    expect(JSON.stringify(sliced.spec)).toContain('4 equal time slices'); // the figure says it too
    const panels = panelsOf(sliced);
    expect(panels.length).toBe(allRuns.length);
    const hours = allRuns.flat().map((p) => p.hours);
    const [min, max] = [Math.min(...hours), Math.max(...hours)];
    for (const [index, runs] of allRuns.entries()) {
      const levels = new Set(runs.map((p) => p.color)).size;
      expect(panels[index]!.length).toBeLessThanOrEqual(4 * levels);
      // each point: the mean of that level's runs in its slice, recomputed here from the unsliced panel
      for (const point of panels[index]!) {
        const slice = (h: number): number => Math.min(3, Math.floor((h - min) / ((max - min) / 4)));
        const members = runs.filter((r) => r.color === point.color && slice(r.hours) === slice(point.hours));
        const mean = members.reduce((sum, r) => sum + r.value, 0) / members.length;
        expect(point.value).toBeCloseTo(mean, 2);
      }
    }
    // below the bound: every run is a point, as before
    expect(specJson(Object.values(overTime(analysis, { maxPointsPerPanel: largest }))[0]!.spec)).toBe(
      specJson(whole.spec),
    );
  });

  it('specJson sorts keys at every level', () => {
    expect(specJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe(
      '{\n  "a": {\n    "c": 2,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});

describe('snapshots (test/figures/specs/*.vl.json)', () => {
  const figures: FigureSpec[] = [
    ...Object.values(paperGrid(small)),
    ...Object.values(paperGrid(small, { size: 'column' })).map((f) => ({ ...f, id: `${f.id}-column` })),
    ...Object.values(deltaHeatmap(small)),
    ...Object.values(interactionPlot(small)),
    ...Object.values(iterationsView(small, { metrics: ['cpu'] })),
    ...Object.values(overTime(withDrift(small))),
  ];
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  for (const figure of figures) {
    it(figure.id, async () => {
      const path = join(SNAPSHOT_DIR, `${figure.id}.vl.json`);
      const json = await format(specJson(figure.spec), { ...(await resolveConfig(path)), parser: 'json' });
      if (!existsSync(path)) {
        if (process.env['CI'] === 'true') throw new Error(`snapshot ${path} is missing; run the tests locally first`);
        writeFileSync(path, json);
        return;
      }
      const expected = readFileSync(path, 'utf8');
      if (json !== expected) writeFileSync(path.replace(/\.vl\.json$/, '.got.vl.json'), json);
      expect(json).toBe(expected);
    });
  }
});
