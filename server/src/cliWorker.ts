import { parentPort, workerData } from 'worker_threads';
import { configLoader, lintFile, type LintedFile, type WorkerReply, type WorkerRequest, type WorkerSettings } from './cli';
import { LintCache } from './cliCache';
import { packageVersion } from './packageInfo';

/** A worker of `referat-lint --jobs N`: lints the batches of files the main thread sends, one reply per batch. */
const settings = workerData as WorkerSettings;
// Per worker, as the in-process loop keeps one per run: a config file is read once here.
const { forFile } = configLoader(settings);
// The cache as the run found it, read-only here: the main thread keeps the new entries and saves them.
const cache = settings.cacheFile ? LintCache.load(settings.cacheFile, packageVersion()).cache : undefined;

// The main thread sends a worker its next batch only after this one's reply, so batches never overlap.
parentPort!.on('message', async (request: WorkerRequest) => {
  const outcomes: LintedFile[] = [];
  for (const file of request.files) outcomes.push(await lintFile(file, settings, forFile, undefined, cache));
  parentPort!.postMessage({ batch: request.batch, outcomes } satisfies WorkerReply);
});
