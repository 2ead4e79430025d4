// pdf.js ships no types for its worker module; it is loaded only to hand it to the library.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
