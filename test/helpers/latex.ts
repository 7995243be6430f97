/**
 * Compile LaTeX tables the way a paper would use them: a two-column IEEE-sized article (IEEEtran's 7.16 in text width
 * and 3.5 in columns, with article's twocolumn: IEEEtran is not in Debian's texlive-latex-* packages) that `\input`s
 * every table, with Debian's pdflatex. The log is parsed for errors, "Float too large" and overfull boxes.
 * Where pdflatex is absent the tests skip locally and fail in CI (`.ci/run` installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { inCI } from './shared.js';

export const pdflatexAvailable = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' }).status === 0;

/** `describe` for tests that need pdflatex: skipped with the reason locally, failing in CI. */
export function describeLatex(name: string, body: () => void): void {
  if (pdflatexAvailable) describe(name, body);
  else if (inCI) {
    describe(name, () => {
      it('needs pdflatex (texlive-latex-recommended, texlive-science), which is missing in CI', () => {
        throw new Error(
          'pdflatex not found; .ci/run installs texlive-latex-recommended texlive-latex-extra texlive-science',
        );
      });
    });
  } else {
    describe(name, () => {
      it.skip('skipped: pdflatex is not installed (apt-get install texlive-latex-recommended texlive-science)');
    });
  }
}

export interface LatexLog {
  /** pdflatex's exit status */
  readonly status: number | null;
  /** `! …` error lines with the next two lines of context */
  readonly errors: readonly string[];
  readonly floatTooLarge: readonly string[];
  /** `Overfull \hbox (12.3pt too wide)`: the amounts in pt, with the line */
  readonly overfull: readonly { readonly pt: number; readonly line: string }[];
  /** the whole log, for a failure message */
  readonly log: string;
}

const PREAMBLE = [
  '\\usepackage[paperwidth=8.5in,paperheight=11in,textwidth=7.16in,textheight=9.5in,columnsep=0.16in]{geometry}',
  '\\usepackage{booktabs}',
  '\\usepackage{siunitx}',
  '\\usepackage{graphicx}',
  '\\usepackage{longtable}',
];

/** Compile a document that `\input`s each file (after a `\clearpage`, so floats never pile up). */
export function compileTables(
  files: readonly { readonly name: string; readonly tex: string }[],
  options: { readonly twocolumn?: boolean } = {},
): LatexLog {
  const dir = mkdtempSync(join(tmpdir(), 'cnibench-tex-'));
  try {
    for (const f of files) writeFileSync(join(dir, f.name), f.tex);
    const main = [
      `\\documentclass[10pt${options.twocolumn === false ? '' : ',twocolumn'}]{article}`,
      ...PREAMBLE,
      '\\begin{document}',
      ...files.map((f) => `\\input{${f.name}}\n\\clearpage`),
      '\\end{document}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'main.tex'), main);
    const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'main.tex'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const log = readFileSync(join(dir, 'main.log'), 'latin1');
    const lines = log.split('\n');
    const errors: string[] = [];
    lines.forEach((line, i) => {
      if (line.startsWith('!')) errors.push(lines.slice(i, i + 3).join(' | '));
    });
    const overfull = [...log.matchAll(/Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)[^\n]*/g)].map((m) => ({
      pt: Number(m[1]),
      line: m[0],
    }));
    const floatTooLarge = lines.filter((l) => l.includes('Float too large'));
    return { status: run.status, errors, floatTooLarge, overfull, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
