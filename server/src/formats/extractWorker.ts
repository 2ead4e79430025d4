import { parentPort } from 'worker_threads';
import { extractHere } from './extract';
import { ExtractError } from './messages';
import type { ReadingRequest, ReadingResponse } from './readingThread';

// The server's stdout carries the protocol, and a worker's stdout is the process's: whatever the libraries print goes to stderr.
console.log = console.info = console.debug = console.warn = console.error;

// The reading thread: one file at a time, its text or its refusal back to the thread that asked.
parentPort?.on('message', (request: ReadingRequest) => {
  const answer = (response: ReadingResponse): void => parentPort!.postMessage(response);
  extractHere(request.data, request.format, request.options).then(
    (document) => answer({ document }),
    (e: unknown) => answer(e instanceof ExtractError ? { refusal: e.text } : { failure: String((e as Error)?.message ?? e) }),
  );
});
