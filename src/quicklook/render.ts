/**
 * Rendering an Observable Plot to a standalone SVG string in Node or Deno, with linkedom as the DOM. linkedom rather
 * than jsdom: Plot only creates and serialises elements (no layout, no events, no scripts), which linkedom does in
 * 8.5 MB installed with 13 small transitive packages, where jsdom emulates a browser (HTTP agents, cookies, WebSocket)
 * that Plot never uses. Plot and linkedom are loaded on first use (`await import`), so importing cnibench stays light
 * and `require()`-able (tslab). */
import type { PlotOptions } from '@observablehq/plot';
import { SVG_MIME, TEXT_MIME, withDisplay, type Displayable } from '../model/index.js';

/** A quick look: an SVG for exploring a campaign before the report; it displays itself in a notebook. */
export interface QuickLook {
  /** file stem, e.g. `samples-cpu-ATH-k8s-flannel-1` */
  readonly id: string;
  readonly title: string;
  /** a standalone SVG (xmlns set), byte-identical for the same input */
  readonly svg: string;
}

interface SerialisableElement {
  readonly tagName: string;
  readonly outerHTML: string;
  setAttribute(name: string, value: string): void;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/**
 * Plot's SVG for `options` (which must not ask for an HTML legend or a title: a quick look is one `<svg>`).
 * Deterministic: Plot's class name is a constant, and no mark here uses clip paths (their ids count up per process).
 */
export async function plotSvg(options: PlotOptions): Promise<string> {
  const [Plot, { parseHTML }] = await Promise.all([import('@observablehq/plot'), import('linkedom')]);
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const element = Plot.plot({ ...options, document: document as never }) as unknown as SerialisableElement;
  if (element.tagName.toLowerCase() !== 'svg') throw new Error(`Plot made a <${element.tagName}>, not an <svg>`);
  element.setAttribute('xmlns', SVG_NAMESPACE);
  return element.outerHTML;
}

/** A quick look with its display method: the SVG, and the title as plain text. */
export function quickLook(id: string, title: string, svg: string): QuickLook & Displayable {
  return withDisplay({ id, title, svg }, (q) => ({ [SVG_MIME]: q.svg, [TEXT_MIME]: `<quick look: ${q.title}>` }));
}
