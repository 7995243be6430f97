/**
 * The presentation layer: every label, mark, number and sentence a reader sees is made here, once. Statistics
 * return numbers and warning codes; figures, tables, the report and notebooks word them through this door.
 */
export * from './number.js';
export * from './labels.js';
export * from './table-numbers.js';
export { baselineText, ciLabel, comparisonSentence, metricName, subjectFactor } from './sentences.js';
export { effectFinding, patternFinding, type FindingText } from './findings-wording.js';
export { driftWords, findingWords, patternWords, statsWords } from './messages.js';
export {
  cellDriftSentence,
  confoundingSentence,
  driftCaveat,
  hoursText,
  metricDriftSentence,
  scopePrefix,
} from './drift-wording.js';
