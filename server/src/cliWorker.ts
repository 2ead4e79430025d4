import { parentPort, workerData } from 'worker_threads';
import type { ResolvedConfig } from './config';
import { InputError } from './files';
import { lintFile, type LintedFile, type LintFailure, type WorkerReply, type WorkerRequest, type WorkerSettings } from './cli';

/** A worker of `referat-lint --jobs N`: lints the batches of files the main thread sends, one reply per batch. */
const settings = workerData as WorkerSettings;
// Per worker, as the in-process loop keeps one per run: a config file is read once here.
const configCache = new Map<string, ResolvedConfig>();

async function lintOrFail(file: string): Promise<LintedFile | LintFailure> {
  try {
    return await lintFile(file, settings, configCache);
  } catch (e) {
    if (e instanceof InputError) return { message: e.message, internal: false };
    return { message: String((e as Error)?.stack ?? e), internal: true };
  }
}

// The main thread sends the next batch only after this one's reply, so batches never overlap.
parentPort!.on('message', async (request: WorkerRequest) => {
  const outcomes: WorkerReply['outcomes'] = [];
  for (const file of request.files) {
    const outcome = await lintOrFail(file);
    outcomes.push(outcome);
    // The main thread stops at the first failure; the rest of the batch would not be used.
    if ('message' in outcome) break;
  }
  parentPort!.postMessage({ batch: request.batch, outcomes } satisfies WorkerReply);
});
