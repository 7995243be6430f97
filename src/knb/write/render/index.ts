import type { KnbWorkDir } from '../types.js';
import { renderIbdbench } from './ibdbench.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import { renderYaml } from './yaml.js';

/** The report formats knb renders from a work directory (`-o data` is the archive itself: see writeKnbdata). */
export const RENDER_FORMATS = ['json', 'yaml', 'text', 'ibdbench'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/**
 * The report `knb -fd <run> -o <format>` (knb 1.5.0) prints, byte for byte, hazards included: invalid JSON for an
 * idle-only run, empty values where a monitor returned no samples or iperf3 printed no receiver line.
 */
export function renderKnb(run: KnbWorkDir, format: RenderFormat): string {
  switch (format) {
    case 'json':
      return renderJson(run);
    case 'yaml':
      return renderYaml(run);
    case 'text':
      return renderText(run);
    case 'ibdbench':
      return renderIbdbench(run);
  }
}

/** File extension for a rendered format, as the example campaign and the layout use it. */
export const RENDER_EXTENSIONS: Readonly<Record<RenderFormat, string>> = {
  json: 'json',
  yaml: 'yaml',
  text: 'txt',
  ibdbench: 'tsv',
};

export { renderJson, renderYaml, renderText, renderIbdbench };
