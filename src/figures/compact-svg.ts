/** Geometry attributes whose numbers are coordinates or lengths (text content and aria labels are left alone). */
const GEOMETRY_ATTRIBUTE = /\s(d|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points|viewBox)="([^"]*)"/g;
const LONG_DECIMAL = /-?\d+\.\d+/g;

/**
 * An SVG with the coordinates of its geometry rounded to `decimals` places. vega writes coordinates with up to 17
 * significant digits; in SVG units of 1 pt, two decimals are finer than any printer or screen, and a figure's file
 * shrinks by a third to a half (what a notebook stores). Text, labels and colours are untouched.
 * @example compactSvg('<path d="M0.123456,1h2"/>', 2) // '<path d="M0.12,1h2"/>'
 */
export function compactSvg(svg: string, decimals = 2): string {
  const round = (n: string): string => {
    const rounded = Number(Number(n).toFixed(decimals));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  };
  return svg.replace(
    GEOMETRY_ATTRIBUTE,
    (_whole, name: string, value: string) => ` ${name}="${value.replace(LONG_DECIMAL, round)}"`,
  );
}
