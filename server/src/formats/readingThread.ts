import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ExtractedDocument, ExtractOptions, PublishedFormat } from './extract';
import { LIMIT_WORDS, LIMITS } from './limits';
import { ExtractError, MESSAGES, type Messages } from './messages';

export interface ReadingRequest {
  data: Uint8Array;
  format: PublishedFormat;
  options: ExtractOptions;
}

export type ReadingResponse = { document: ExtractedDocument } | { refusal: Messages } | { failure: string };

/** The worker file: beside this module in `out/`, and beside the bundled server in `dist/` (scripts/bundle.mjs builds both). */
const WORKER_FILE = path.join(__dirname, 'extractWorker.js');
const MB = 1024 * 1024;

let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads a published file's bytes in a worker thread, one file at a time, so that the thread that
 * answers the editor stays free, and a file crafted to exhaust memory or time ends the worker (a
 * new one reads the next file) with a refusal, never the process.
 */
export function extractInReadingThread(
  data: Uint8Array,
  format: PublishedFormat,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const job = queue.then(() => read({ data, format, options }));
  queue = job.catch(() => undefined);
  return job;
}

function readingWorker(): Worker {
  if (!worker) {
    // The HTML readers recurse once per level of nesting: a deep stack lets every page within the depth limit be read.
    worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: LIMITS.workerHeapMb, stackSizeMb: 32 } });
    worker.unref();
  }
  return worker;
}

function read(request: ReadingRequest): Promise<ExtractedDocument> {
  return new Promise((resolve, reject) => {
    const reader = readingWorker();
    const baseline = process.memoryUsage.rss();
    let settled = false;
    const finish = (stopWorker: boolean, outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      reader.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (stopWorker) {
        if (worker === reader) worker = undefined;
        void reader.terminate();
      } else reader.unref();
      outcome();
    };
    const refuse = (words: Messages): void => finish(true, () => reject(new ExtractError(MESSAGES.beyondLimits(words))));
    const onMessage = (response: ReadingResponse): void => {
      if ('document' in response) finish(false, () => resolve(response.document));
      else if ('refusal' in response) finish(false, () => reject(new ExtractError(response.refusal)));
      // A reader that fails on a file (a library's error, a stack too deep) is a file that cannot be read, not a crash.
      else finish(false, () => reject(new ExtractError(MESSAGES.failed(response.failure))));
    };
    const onError = (e: NodeJS.ErrnoException): void => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') refuse(LIMIT_WORDS.memory());
      else finish(true, () => reject(e));
    };
    const onExit = (code: number): void => finish(true, () => reject(new Error(`the thread reading the file stopped (exit code ${code})`)));
    const timer = setTimeout(() => refuse(LIMIT_WORDS.time()), LIMITS.timeoutMs);
    // The worker's heap is bounded by V8; what pdf.js decodes into typed arrays lies outside it, so the process's growth is watched too.
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > LIMITS.workerGrowthMb * MB) refuse(LIMIT_WORDS.memory());
    }, 100);
    reader.on('message', onMessage).on('error', onError).on('exit', onExit);
    reader.ref();
    const copy = new Uint8Array(request.data);
    reader.postMessage({ ...request, data: copy }, [copy.buffer]);
  });
}
