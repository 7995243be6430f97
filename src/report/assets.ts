/**
 * The browser builds inlined into report.html: vega, vega-lite, vega-embed (UMD, from node_modules) and
 * vega-interpreter (ESM, turned into a classic script) so that the page renders with a Content-Security-Policy that
 * allows neither network access nor eval.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BrowserAssets {
  /** classic scripts in load order */
  readonly scripts: readonly { readonly name: string; readonly source: string }[];
  /** true when the expression interpreter is available (no 'unsafe-eval' needed) */
  readonly interpreter: boolean;
}

/** Directory of an installed package (its package.json may not be exported, so walk up from the entry point). */
export function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === name) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found from ${import.meta.url}`);
    dir = parent;
  }
}

/**
 * vega-interpreter ships only as an ES module importing vega-util; the vega UMD build re-exports those helpers,
 * so the import becomes a read from the `vega` global and the export a global of its own.
 */
export function interpreterScript(esm: string): string | null {
  const importLine = /^import\s*\{([^}]*)\}\s*from\s*'vega-util';\s*$/m;
  const exportLine = /^export\s*\{\s*(\w+)\s+as\s+expressionInterpreter\s*\};\s*$/m;
  const imported = importLine.exec(esm);
  const exported = exportLine.exec(esm);
  if (!imported || !exported) return null;
  const body = esm
    .replace(importLine, `const {${imported[1]}} = globalThis.vega;`)
    .replace(exportLine, `globalThis.vegaExpressionInterpreter = ${exported[1]};`)
    .replace(/^\/\/# sourceMappingURL=.*$/m, '');
  return `(function () {\n${body}\n})();\n`;
}

let cached: Promise<BrowserAssets> | null = null;

async function load(): Promise<BrowserAssets> {
  // A `</script` or `<!--` inside a library would end or confuse the inline element; in JavaScript source the
  // escaped forms mean the same.
  const read = async (pkg: string, file: string): Promise<string> =>
    (await readFile(join(packageDir(pkg), file), 'utf8'))
      .replace(/\/\/# sourceMappingURL=\S*\s*$/, '')
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/<!--/g, '<\\!--');
  const scripts = [
    { name: 'vega', source: await read('vega', 'build/vega.min.js') },
    { name: 'vega-lite', source: await read('vega-lite', 'build/vega-lite.min.js') },
    { name: 'vega-embed', source: await read('vega-embed', 'build/vega-embed.min.js') },
  ];
  // vega-interpreter comes with vega-embed; should it be missing, the page falls back to vega's own code generation
  const interpreter = await read('vega-interpreter', 'build/vega-interpreter.js')
    .then(interpreterScript)
    .catch(() => null);
  if (interpreter !== null) scripts.push({ name: 'vega-interpreter', source: interpreter });
  return { scripts, interpreter: interpreter !== null };
}

/** The browser assets, read once per process. */
export function browserAssets(): Promise<BrowserAssets> {
  cached ??= load();
  return cached;
}

/** CSP source expression of an inline script: `'sha256-…'`. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}
