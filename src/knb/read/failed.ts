/**
 * Runner failure records: `<cell>/<iteration>.failed.json` = `{"kind":"cnibench-failed-iteration","version":1,
 * "iteration":N,"reason":"…","attempts":[…],"command":[…]}`. Recognised by content; they carry no observations.
 */
import { knbMessages as msg } from '../messages.js';
import type { FailedRunRecord, ParsedKnb } from './run.js';
import { decode, jsonErrorWhere } from './lines.js';
import { issueSink } from './values.js';

export const FAILED_RUN_KIND = 'cnibench-failed-iteration';

export function looksLikeFailedRun(head: string): boolean {
  return /^\s*\{[\s\S]*"kind"\s*:\s*"cnibench-failed-iteration"/.test(head);
}

export function parseFailedRun(bytes: Uint8Array, file: string): ParsedKnb {
  const sink = issueSink(file);
  let value: unknown;
  try {
    value = JSON.parse(decode(bytes));
  } catch (error) {
    sink.error('failed-run-malformed', msg.failedRunBad(jsonErrorWhere(error)), 1);
    return { file, format: 'failed-run', run: null, issues: sink.issues };
  }
  const v = value as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || v['kind'] !== FAILED_RUN_KIND) {
    sink.error('failed-run-malformed', msg.failedRunBad(`"kind" is not "${FAILED_RUN_KIND}"`), 1);
    return { file, format: 'failed-run', run: null, issues: sink.issues };
  }
  const failure: FailedRunRecord = {
    iteration: typeof v['iteration'] === 'number' ? v['iteration'] : null,
    reason: typeof v['reason'] === 'string' ? v['reason'] : '(no reason recorded)',
    attempts: Array.isArray(v['attempts']) ? v['attempts'] : [],
    command: Array.isArray(v['command']) ? v['command'].map(String) : [],
  };
  return { file, format: 'failed-run', run: null, issues: sink.issues, failure };
}
