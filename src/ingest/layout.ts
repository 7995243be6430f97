/**
 * Campaign layouts: where a file sits says which cell and iteration it is. Default
 * `{testbed}/{distribution}/{plugin}/{iteration}`; campaign.yaml `layout:` or `--layout` may add factors
 * (`{testbed}/{mtu}/{distribution}/{plugin}/{iteration}`) or literal folders. `{iteration}` must be in the last segment,
 * which is matched against the file name up to its first dot (`01.knbdata` → `01`).
 */
import { ingestMessages as msg } from './messages.js';
import { CnibenchError } from '../model/index.js';

export const DEFAULT_LAYOUT = '{testbed}/{distribution}/{plugin}/{iteration}';

export interface Layout {
  readonly pattern: string;
  /** factor names in layout order (without `iteration`) */
  readonly factors: readonly string[];
  readonly segments: readonly { readonly text: string; readonly regex: RegExp; readonly names: readonly string[] }[];
}

export type LayoutMatch =
  | { readonly ok: true; readonly levels: Readonly<Record<string, string>>; readonly iteration: number }
  | { readonly ok: false; readonly reason: string };

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/**
 * Iteration numbers accepted in file stems: `3`, `03`, `run3`, `run-03`, `run_3`, `iter3`, `iteration-3`, `it3`, `r3`
 * (case-insensitive); must be ≥ 1.
 */
const ITERATION = /^(?:run|iteration|iter|it|r)?[-_]?0*(\d+)$/i;

export function parseIteration(text: string): number | null {
  const m = ITERATION.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** @throws CnibenchError when the pattern has no `{iteration}` in its last segment or repeats a name */
export function parseLayout(pattern: string): Layout {
  const clean = pattern.trim().replace(/^\/+|\/+$/g, '');
  const parts = clean.split('/');
  if (clean === '' || parts.some((p) => p === '')) {
    throw new CnibenchError('layout', msg.layoutPattern(pattern, 'empty path segment'));
  }
  const seen = new Set<string>();
  const segments = parts.map((text, index) => {
    const names: string[] = [];
    let source = '';
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      source += escapeRegex(text.slice(last, m.index));
      const name = m[1]!;
      if (seen.has(name)) throw new CnibenchError('layout', msg.layoutPattern(pattern, `{${name}} appears twice`));
      if (name === 'iteration' && index !== parts.length - 1) {
        throw new CnibenchError('layout', msg.layoutPattern(pattern, '{iteration} must be in the last segment'));
      }
      seen.add(name);
      names.push(name);
      source += index === parts.length - 1 ? '([^.]+?)' : '(.+?)';
      last = m.index! + m[0].length;
    }
    source += escapeRegex(text.slice(last));
    if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) {
      throw new CnibenchError('layout', msg.layoutPattern(pattern, `unbalanced brace in "${text}"`));
    }
    return { text, regex: new RegExp(`^${source}$`), names };
  });
  if (!seen.has('iteration')) {
    throw new CnibenchError('layout', msg.layoutPattern(pattern, 'no {iteration} in the last segment'));
  }
  const factors = segments.flatMap((s) => s.names).filter((n) => n !== 'iteration');
  return { pattern: clean, factors, segments };
}

/** The file name's stem: up to the first dot (`01.knbdata.json` → `01`). */
export function fileStem(name: string): string {
  const dot = name.indexOf('.', 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/** Match a `/`-separated path relative to the campaign directory. Raw (not normalised) levels are returned. */
export function matchLayout(layout: Layout, relPath: string): LayoutMatch {
  const parts = relPath.split('/');
  if (parts.length !== layout.segments.length) {
    return { ok: false, reason: msg.layoutDepth(parts.length, layout.segments.length, layout.pattern) };
  }
  const levels: Record<string, string> = {};
  let iteration: number | null = null;
  for (let i = 0; i < parts.length; i++) {
    const seg = layout.segments[i]!;
    const text = i === parts.length - 1 ? fileStem(parts[i]!) : parts[i]!;
    const m = seg.regex.exec(text);
    if (!m) return { ok: false, reason: msg.layoutSegment(text, i, seg.text) };
    for (let k = 0; k < seg.names.length; k++) {
      const name = seg.names[k]!;
      const value = m[k + 1]!;
      if (name === 'iteration') {
        iteration = parseIteration(value);
        if (iteration === null) return { ok: false, reason: msg.badIteration(value) };
      } else levels[name] = value;
    }
  }
  return { ok: true, levels, iteration: iteration! };
}
