/**
 * A vega SVG made lighter for conversion to PDF and PNG: the PDF writer (figures/svg-pdf.ts) and resvg read less
 * (when svg-to-pdfkit made the PDFs, the slowest step of rendering, it was about a quarter faster on the lean SVG;
 * the PNG bytes are the same). vega writes, for the
 * browser, much that a PDF never shows: ARIA attributes and roles on every mark, classes (the SVG has no style sheet),
 * pointer-events, `opacity="1"`, hidden foreground paths (`display="none"`, empty `d`), and attribute-less `<g>`
 * wrappers (each a graphics-state save and restore in the PDF). Dropping them leaves the drawing itself unchanged:
 * the same shapes, text, transforms and paint, in the same order (the report's tests compare the PNG bytes and the
 * rasterised PDF pages of full and lean SVG).
 *
 * The input is vega's own SVG serialisation (one element per tag, attributes in double quotes, text escaped), not
 * arbitrary SVG: a tag is `<…>` with no `>` inside an attribute value.
 */

/** Attributes with no effect on a static drawing without style sheet. */
const INERT_ATTRIBUTE = /\s(?:aria-[a-z]+|role|class|pointer-events)="[^"]*"|\sopacity="1"/g;

/** An element that draws nothing: hidden, or a path without data. */
const HIDDEN = /\sdisplay="none"|\sd=""/;

export function leanSvg(svg: string): string {
  let out = '';
  // for each open <g>: was it dropped (attribute-less wrapper)?
  const groups: boolean[] = [];
  // depth of an element being skipped (hidden element with children), 0 when not skipping
  let skipping = 0;
  let last = 0;
  const tag = /<[^>]*>/g;
  for (let match = tag.exec(svg); match !== null; match = tag.exec(svg)) {
    const text = match[0];
    const before = svg.slice(last, match.index);
    last = match.index + text.length;
    const closing = text.startsWith('</');
    const selfClosing = text.endsWith('/>');
    if (skipping > 0) {
      if (closing) skipping--;
      else if (!selfClosing && !text.startsWith('<!') && !text.startsWith('<?')) skipping++;
      continue;
    }
    out += before;
    if (closing) {
      if (text === '</g>' && groups.pop() === true) continue;
      out += text;
      continue;
    }
    if (text.startsWith('<!') || text.startsWith('<?')) {
      out += text;
      continue;
    }
    const lean = text.replace(INERT_ATTRIBUTE, '');
    if (HIDDEN.test(lean) && !lean.startsWith('<svg')) {
      if (!selfClosing) skipping = 1;
      continue;
    }
    if (lean.startsWith('<g')) {
      const wrapper = lean === '<g>';
      if (!selfClosing) groups.push(wrapper);
      if (wrapper || (selfClosing && lean === '<g/>')) continue;
    }
    out += lean;
  }
  return out + svg.slice(last);
}
