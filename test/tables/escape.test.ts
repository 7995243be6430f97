import { describe, expect, it } from 'vitest';
import {
  escapeCsv,
  escapeHtml,
  escapeLatex,
  escapeMarkdown,
  jsonForScript,
  safeFileStem,
} from '../../src/tables/escape.js';

const NASTY = ['<script>alert(1)</script>', '50%_\\&', 'a|b*c_d`e[f](g)~h', 'line\nbreak', '"quoted", comma', '{#$^~}'];

describe('escaping', () => {
  it('HTML: no tag, no attribute break survives', () => {
    expect(escapeHtml('<script>"a" & \'b\'</script>')).toBe(
      '&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;',
    );
    for (const s of NASTY) expect(escapeHtml(s)).not.toMatch(/[<>"']/);
  });

  it('Markdown: every markup character is backslash-escaped, line breaks become spaces', () => {
    expect(escapeMarkdown('50%_\\&')).toBe('50%\\_\\\\\\&');
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<script>')).toBe('\\<script\\>');
    expect(escapeMarkdown('line\nbreak')).toBe('line break');
    // unescaping (CommonMark: backslash + punctuation → punctuation) gives the text back
    for (const s of NASTY) expect(escapeMarkdown(s).replace(/\\([!-/:-@[-`{-~])/g, '$1')).toBe(s.replace(/\n/g, ' '));
  });

  it('LaTeX: the ten specials and <>| are made literal', () => {
    expect(escapeLatex('50%_\\&')).toBe('50\\%\\_\\textbackslash{}\\&');
    expect(escapeLatex('{#$^~}')).toBe('\\{\\#\\$\\textasciicircum{}\\textasciitilde{}\\}');
    expect(escapeLatex('<script>')).toBe('\\textless{}script\\textgreater{}');
    for (const s of NASTY) expect(escapeLatex(s)).not.toMatch(/(^|[^\\])[%&#_$]/);
    expect(escapeLatex('η²p ± 1 × 2')).toBe('$\\eta$\\textsuperscript{2}p \\textpm{} 1 \\texttimes{} 2');
  });

  it('CSV: RFC 4180 quoting only where needed', () => {
    expect(escapeCsv('plain')).toBe('plain');
    expect(escapeCsv('"quoted", comma')).toBe('"""quoted"", comma"');
    expect(escapeCsv('line\nbreak')).toBe('"line\nbreak"');
  });

  it('JSON for a script element cannot close it', () => {
    const text = jsonForScript({ label: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ label: '</script><script>alert(1)</script>' });
  });

  it('file stems keep only safe characters and cannot climb out', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileStem('grid-UOM')).toBe('grid-UOM');
    expect(safeFileStem('')).toBe('_');
    expect(safeFileStem('.hidden')).toBe('_hidden');
  });
});
