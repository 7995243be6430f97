/**
 * When each run happened. knb writes the UTC date of the script's start (`metadata.date`, env BENCHMARK_DATE,
 * text ` Date : … UTC`; FORMATS.md §3–§6), which ingest keeps as Observation.provenance.date. knb 1.0.0 wrote local
 * time at report time instead: still ordered within a campaign, which is what drift needs.
 */

const KNB_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * knb's `YYYY-MM-DD HH:MM:SS` (UTC) → Unix seconds, or null when absent or not a valid date.
 * @example knbDateSeconds('2023-10-02 09:00:00') // 1696237200
 */
export function knbDateSeconds(date: string | null): number | null {
  if (date === null) return null;
  const m = KNB_DATE.exec(date.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // reject dates Date.UTC rolled over (2023-02-30)
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms / 1000;
}

/** Unix seconds → knb's `YYYY-MM-DD HH:MM:SS`. */
export function secondsToKnbDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
