import { describe, expect, it } from 'vitest';
import { descriptionParagraphs } from '../../src/report/markdown.js';

describe('campaign descriptions in the report', () => {
  it('keep their paragraphs and lines (a list of planted faults stays a list)', () => {
    const text = 'SYNTHETIC DATA.\nSecond line.\n\n  Planted faults:\n  - a\n  - b\n\n\n';
    expect(descriptionParagraphs(text)).toEqual([
      ['SYNTHETIC DATA.', 'Second line.'],
      ['Planted faults:', '- a', '- b'],
    ]);
  });

  it('yield nothing for blank text', () => {
    expect(descriptionParagraphs(' \n \n')).toEqual([]);
  });
});
