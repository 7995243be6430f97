/** The report's one date: given (--date, SOURCE_DATE_EPOCH) or taken from the data, never from the clock. */
import { CnibenchError, type Dataset } from '../model/index.js';
import * as msg from './messages.js';

/**
 * Normalise a user-given date: `YYYY-MM-DD` stays as it is, an ISO date-time becomes `YYYY-MM-DDTHH:MM:SSZ`,
 * an integer is Unix seconds (SOURCE_DATE_EPOCH's convention).
 * @throws CnibenchError naming `source` when the text is none of these
 */
export function normaliseDate(raw: string, source: string): string {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return text;
  let ms: number | null = null;
  if (/^\d{1,12}$/.test(text)) ms = Number(text) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    const iso = text.replace(' ', 'T');
    ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
  }
  if (ms === null || Number.isNaN(ms)) throw new CnibenchError('report-bad-date', msg.badDate(raw, source));
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The newest knb date (`YYYY-MM-DD HH:MM:SS`, UTC) among the observations, or null. */
export function newestDataDate(dataset: Dataset): string | null {
  let newest: string | null = null;
  for (const o of dataset.observations) {
    const d = o.provenance.date;
    if (d !== null && (newest === null || d > newest)) newest = d;
  }
  return newest;
}
