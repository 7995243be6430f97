/**
 * The notebooks under both kernels: each committed notebook (notebooks/<kernel>/*.ipynb) must hold exactly the cells
 * generated from its kernel-neutral source (notebooks/src/*.ts), and executing that source headless with Debian's
 * Jupyter (nbconvert's executor, nbclient, see scripts/execute-notebook.py) under the kernel must reproduce the committed outputs (nbconvert's volatile fields removed, as
 * `npm run notebooks` writes them). A stale notebook fails, with the fresh execution written beside it as
 * `*.got.ipynb` for review. Kernels missing: skipped locally, a failure in CI (.ci/run installs both).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  execute,
  generated,
  JUPYTER,
  PYTHON,
  KERNELS,
  notebookPath,
  serialise,
  sourceNames,
  stable,
  type Kernel,
  type Notebook,
} from '../../scripts/notebooks.js';
import { inCI } from '../helpers/shared.js';

/**
 * Where Jupyter looks for a kernel spec, in its order: JUPYTER_PATH, then where `deno jupyter --install` and
 * `tslab install` put one (user, then system-wide). The first spec found is the one Jupyter starts.
 */
function kernelInstalled(kernel: Kernel): boolean {
  const dirs = [
    ...(process.env['JUPYTER_PATH'] ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'kernels')),
    join(homedir(), '.local/share/jupyter/kernels'),
    '/usr/local/share/jupyter/kernels',
    '/usr/share/jupyter/kernels',
  ];
  for (const dir of dirs) {
    const spec = join(dir, kernel, 'kernel.json');
    if (!existsSync(spec)) continue;
    const argv = (JSON.parse(readFileSync(spec, 'utf8')) as { argv: string[] }).argv;
    // the kernel's program must exist (a spec left by an old checkout points nowhere)
    return argv[0] !== undefined && (!argv[0].startsWith('/') || existsSync(argv[0]));
  }
  return false;
}

const names = sourceNames();

describe('notebook sources', () => {
  it('are the three notebooks', () => {
    expect(names).toEqual(['01-quickstart', '02-reproduce-the-reference-study', '03-your-campaign']);
  });

  for (const kernel of KERNELS) {
    for (const name of names) {
      it(`${kernel}/${name}.ipynb holds the cells generated from notebooks/src/${name}.ts`, () => {
        const path = notebookPath(name, kernel);
        expect(existsSync(path), `${path} is missing: run npm run notebooks`).toBe(true);
        const committed = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
        const fresh = generated(name, kernel);
        expect(committed.metadata).toEqual(fresh.metadata);
        expect(committed.cells.map(({ id, cell_type, source }) => ({ id, cell_type, source }))).toEqual(
          fresh.cells.map(({ id, cell_type, source }) => ({ id, cell_type, source })),
        );
      });
    }
  }
});

for (const kernel of KERNELS) {
  const ready = existsSync(JUPYTER) && existsSync(PYTHON) && kernelInstalled(kernel);
  describe(`notebooks under ${kernel}`, () => {
    if (!ready) {
      if (inCI) {
        it(`needs Jupyter and the ${kernel} kernel in CI`, () => {
          throw new Error(`jupyter-nbconvert or the ${kernel} kernel is missing; .ci/run installs both`);
        });
      } else it.skip(`execute headless [skipped: jupyter or the ${kernel} kernel is not installed]`, () => {});
      return;
    }
    for (const name of names) {
      it(`${name} executes without error and its committed outputs are current`, () => {
        const path = notebookPath(name, kernel);
        const fresh = stable(execute(generated(name, kernel), kernel));
        const committed = readFileSync(path, 'utf8');
        const same = serialise(fresh) === committed;
        if (!same) writeFileSync(path.replace(/\.ipynb$/, '.got.ipynb'), serialise(fresh));
        expect(same, `${kernel}/${name}.ipynb: committed outputs are stale; fresh run written beside it as .got.ipynb`).toBe(true);
      }, 900_000);
    }
  });
}
