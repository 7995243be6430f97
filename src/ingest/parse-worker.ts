/**
 * A parse worker thread of ingest (parse-pool.ts): reads and parses campaign files from the end of the list backwards,
 * claiming each in a shared array before reading it, while the main thread claims them from the front; it stops at
 * the first file the main thread has claimed. Results are posted in batches, in the compact form of parse-file.ts.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  packParsed,
  parseCampaignFile,
  transferables,
  type ParseContext,
  type ParseJob,
  type PostedParse,
} from './parse-file.js';

export const PARSE_WORKER_MARKER = 'cnibench-ingest-parse-worker';

/** Who holds a file: 0 nobody yet, 1 the main thread, 2 + i worker i. The slot after the files is the back cursor. */
export const CLAIMED_BY_MAIN = 1;
export const FIRST_WORKER_CLAIM = 2;

export interface ParseWorkerData {
  readonly role: typeof PARSE_WORKER_MARKER;
  readonly id: number;
  readonly jobs: readonly ParseJob[];
  readonly context: ParseContext;
  /** Int32Array over it: one claim per job, then the next index to claim from the back (starts at jobs.length) */
  readonly claims: SharedArrayBuffer;
}

/** One file's result: its parse, or the message of an exception thrown while parsing it (a bug). */
export interface ParseResult {
  readonly index: number;
  readonly posted?: PostedParse;
  readonly error?: string;
}

/** Results per message: few enough that the main thread never waits long for a batch, many enough to save messages. */
const BATCH = 64;

async function work(data: ParseWorkerData, post: (results: ParseResult[], transfer: ArrayBuffer[]) => void) {
  const claims = new Int32Array(data.claims);
  const cursor = data.jobs.length;
  let batch: ParseResult[] = [];
  let transfer: ArrayBuffer[] = [];
  for (;;) {
    const index = Atomics.sub(claims, cursor, 1) - 1;
    if (index < 0 || Atomics.compareExchange(claims, index, 0, FIRST_WORKER_CLAIM + data.id) !== 0) break;
    try {
      const posted = packParsed(await parseCampaignFile(data.jobs[index]!, data.context));
      batch.push({ index, posted });
      transfer.push(...transferables(posted));
    } catch (error) {
      batch.push({ index, error: error instanceof Error ? error.message : String(error) });
    }
    if (batch.length >= BATCH) {
      post(batch, transfer);
      batch = [];
      transfer = [];
    }
  }
  if (batch.length > 0) post(batch, transfer);
}

const data = workerData as ParseWorkerData | undefined;
if (!isMainThread && parentPort && data?.role === PARSE_WORKER_MARKER) {
  const port = parentPort;
  void work(data, (results, transfer) => port.postMessage(results, transfer));
}
