/** User-facing texts of the figures stage (errors, captions), as functions so that tests can assert on them. */

export function unknownFactor(factor: string, known: readonly string[]): string {
  return `figure option names factor "${factor}", but the analysis has the factors ${known.map((k) => `"${k}"`).join(', ')}`;
}

export function unknownMetric(metric: string, known: readonly string[]): string {
  return `figure option names metric "${metric}"; expected one of ${known.join(', ')}`;
}

export function unknownCondition(condition: string, known: readonly string[]): string {
  return `figure option names condition "${condition}"; the analysis has ${known.length === 0 ? 'none' : known.join(', ')}`;
}

export function badScale(scale: number): string {
  return `PNG scale must be a positive finite number (1 = 72 px per inch), got ${scale}`;
}

export function compileWarnings(id: string, warnings: readonly string[]): string {
  return `figure "${id}" compiles with Vega-Lite warnings: ${warnings.slice(0, 5).join('; ')}`;
}

export function fontMissing(path: string): string {
  return `font file ${path} not found; the dejavu-fonts-ttf package must be installed to render PNG or PDF`;
}

export function noIdleThroughput(): string {
  return 'no throughput at idle';
}

/** With both nodes drawn, throughput (which has no node) is drawn once, in the condition's first row. */
export function drawnInFirstRow(): string {
  return 'throughput: row above';
}

export function noData(): string {
  return 'no data';
}

export function heatmapCaption(baseline: string, alpha: number, adjust: string): string {
  const adjusted = adjust === 'none' ? '' : `, ${adjust === 'holm' ? 'Holm' : 'BH'}-adjusted`;
  return `% change of the mean vs ${baseline}; pale: not significant (p ≥ ${alpha}${adjusted}); outlined: interaction flagged`;
}

export function gridCaption(level: number, node: string, lines = false, clipped = false): string {
  const interval = `${Math.round(level * 100)} % t interval${clipped ? ' (cut at 0, below which no metric goes)' : ''}`;
  return `${lines ? 'point' : 'bar'}: mean; error bar: ${interval}; CPU and RAM of the ${node}`;
}

export function iterationsCaption(): string {
  return 'each group: every iteration in run order; ringed points: flagged outliers (kept)';
}

export function nodeLabel(node: string): string {
  return node === 'both' ? 'client and server nodes' : `${node} node`;
}

export function interactionCaption(across: string, node: string): string {
  return `mean per cell across ${across} levels; parallel lines: no interaction; CPU and RAM of the ${node}`;
}

export function overTimeCaption(factor: string, origin: string, node: string): string {
  return `every run at the hour it started (hours since ${origin} UTC), coloured by ${factor}; CPU and RAM of the ${node}`;
}

/** Over-time panels with too many runs to draw one point each (bounded by the design, not by the runs). */
export function overTimeSliced(maxPoints: number, slices: number, largestPanel: number): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return (
    `over time: a panel with more than ${n(maxPoints)} runs shows each level's mean over ${n(slices)} equal time ` +
    `slices (up to ${n(largestPanel)} runs a panel; every run is in data/tidy.csv)`
  );
}

export function sameFactor(factor: string): string {
  return `figure options xFactor and colorFactor both name "${factor}"; x and colour must show different factors`;
}

export function noFactor(): string {
  return 'the analysis has no factor to draw';
}

/** What a figure set left out when the design has more groups than figures are drawn. */
export function figuresLeftOut(kind: string, drawn: number, total: number, factors: string): string {
  return `${kind}: ${drawn} of ${total} figures drawn (one per ${factors}); the others are in the tables`;
}

/** What a panel left out when more levels exist than its width can label. */
export function levelsLeftOut(shown: number, total: number, factor: string): string {
  return `showing ${shown} of ${total} ${factor} levels (all are in the tables)`;
}

/** How the heatmap's colour reads, and what it left out. */
export function heatmapScale(clipped: number, numbersLeftOut: boolean): string {
  const parts = ['colour: ratio of means on a log scale (−50 % and +100 % equally strong)'];
  if (clipped > 0) parts.push(`${clipped} cells beyond the scale drawn at its end colour, their number printed`);
  if (numbersLeftOut) parts.push('cells too small for numbers: values in the tables');
  return parts.join('; ');
}
