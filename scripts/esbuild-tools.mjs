/**
 * What the build's bundling steps share (bundle-vega.mjs, build-render-snapshot.mjs, bundle-cli.mjs): esbuild, which
 * a build without dev dependencies lacks, and the rewriting of `import.meta.url` for code moved into a bundle.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/** esbuild, or null where it is not installed (each step then leaves its bundle out). */
export async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

/**
 * An esbuild plugin giving each bundled module's `import.meta.url` its own file's URL, so that files found beside a
 * module (workers, fonts, the vega bundle, pdfkit's standard fonts) are still found where they are.
 * @param bundleDir the directory the bundle is written to
 * @param urlOf the expression, in the bundle, of the URL of a module at `path` relative to `bundleDir` ('/'-separated)
 */
export function importMetaUrlPlugin(bundleDir, urlOf) {
  return {
    name: 'import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.(m?js|cjs)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const path = relative(bundleDir, args.path).split('\\').join('/');
        return {
          contents: text.replaceAll('import.meta.url', urlOf(path)),
          loader: 'js',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}
