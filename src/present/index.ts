/** The presentation layer: numbers, labels and sentences built from the statistics' records. */
export {
  baselineText,
  ciLabel,
  comparisonSentence,
  conditionLabel,
  labelOf,
  metricName,
  subjectFactor,
} from './sentences.js';
export { effectFinding, patternFinding, type FindingText } from './findings-wording.js';
