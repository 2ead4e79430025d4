import { parentPort, workerData } from 'worker_threads';
import { configLoader, lintFile, type WorkerReply, type WorkerRequest, type WorkerSettings } from './cli';

/** A worker of `referat-lint --jobs N`: lints the batches of files the main thread sends, one reply per batch. */
const settings = workerData as WorkerSettings;
// Per worker, as the in-process loop keeps one per run: a config file is read once here.
const { forFile } = configLoader(settings);

parentPort!.on('message', (request: WorkerRequest) => {
  const outcomes = request.files.map((file) => lintFile(file, settings, forFile));
  parentPort!.postMessage({ batch: request.batch, outcomes } satisfies WorkerReply);
});
