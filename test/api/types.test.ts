/**
 * Type tests: the API's types say what the functions accept and return. `npm test` type-checks this file (tsc), so an
 * `@ts-expect-error` that stops erroring, or an expectTypeOf that stops holding, fails the suite.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  analyse,
  cellsTable,
  paperGrid,
  renderPdf,
  renderSvg,
  type Analysis,
  type Dataset,
  type FigureSet,
  type FigureSpec,
} from '../../src/index.js';
import { makeAnalysis } from '../figures/data.js';

describe('API types', () => {
  it('analyse takes a Dataset and returns an Analysis', () => {
    expectTypeOf(analyse).parameter(0).toEqualTypeOf<Dataset>();
    expectTypeOf(analyse).returns.toEqualTypeOf<Analysis>();
  });

  it('figure builders return FigureSets keyed by what they show; render functions take a figure or a spec', () => {
    expectTypeOf(paperGrid).returns.toEqualTypeOf<FigureSet>();
    expectTypeOf<FigureSet[string]>().toEqualTypeOf<FigureSpec>();
    expectTypeOf(renderSvg).parameter(0).toEqualTypeOf<FigureSpec | TopLevelSpec>();
    expectTypeOf(renderPdf).parameter(0).toEqualTypeOf<FigureSpec | TopLevelSpec>();
  });

  it('option values outside their allowed set do not type-check', () => {
    const analysis = makeAnalysis();
    // @ts-expect-error sizes are 'column' | 'page'
    expectTypeOf(() => paperGrid(analysis, { size: 'Page' })).toBeFunction();
    // @ts-expect-error node is 'server' | 'client' | 'both'
    expectTypeOf(() => cellsTable(analysis, { node: 'servr' })).toBeFunction();
  });
});
