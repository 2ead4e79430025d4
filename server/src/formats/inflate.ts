import * as zlib from 'zlib';

/**
 * The size a deflate stream (zlib-wrapped, or `raw` as in a zip) inflates to, counted up to just
 * beyond `budget` without keeping the output; a broken stream counts what it gave.
 */
export function inflatedSize(compressed: Uint8Array, budget: number, raw = false): Promise<number> {
  return new Promise((resolve) => {
    const inflate = raw ? zlib.createInflateRaw() : zlib.createInflate();
    let size = 0;
    const stop = (): void => {
      inflate.destroy();
      resolve(size);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) stop();
    });
    inflate.on('end', stop);
    inflate.on('error', stop);
    inflate.end(compressed);
  });
}
