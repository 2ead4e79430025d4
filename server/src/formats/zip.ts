import { inflatedSize } from './inflate';

/** One entry of a zip file's central directory. */
interface ZipEntry {
  name: string;
  /** 8 deflated, 0 stored. */
  method: number;
  /** The uncompressed size it declares (Infinity where a zip64 field cannot be read). */
  size: number;
  compressedSize: number;
  localHeader: number;
}

/**
 * A zip file's entries, read from its central directory without inflating anything; undefined when
 * the directory cannot be found, in which case the zip reader reports the file as broken.
 */
function zipEntries(data: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = endOfCentralDirectory(view);
  if (end === undefined) return undefined;
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  // Zip64: the 32-bit fields are full and the real ones sit in the zip64 end record the locator points to.
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const record = Number(view.getBigUint64(end - 20 + 8, true));
    if (record + 56 > view.byteLength || view.getUint32(record, true) !== 0x06064b50) return undefined;
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) size = zip64Size(view, offset + 46 + nameLength, extraLength) ?? Infinity;
    const name = Buffer.from(data.buffer, data.byteOffset + offset + 46, Math.min(nameLength, view.byteLength - offset - 46)).toString(
      'latin1',
    );
    entries.push({
      name,
      method: view.getUint16(offset + 10, true),
      size,
      compressedSize: view.getUint32(offset + 20, true),
      localHeader: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed size a zip file declares for its entries together, those `skip` names aside; undefined for no zip. */
export function declaredUnzippedBytes(data: Uint8Array, skip: (name: string) => boolean = () => false): number | undefined {
  return zipEntries(data)?.reduce((total, e) => (skip(e.name) ? total : total + e.size), 0);
}

/**
 * What a zip file's entries (those `skip` names aside) really inflate to together, counted up to
 * just beyond `budget` without keeping the output: a directory can declare less than its data holds.
 */
export async function unzippedBytes(data: Uint8Array, skip: (name: string) => boolean, budget: number): Promise<number> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let total = 0;
  for (const e of zipEntries(data) ?? []) {
    if (total > budget) break;
    if (skip(e.name) || e.localHeader + 30 > view.byteLength || view.getUint32(e.localHeader, true) !== 0x04034b50) continue;
    const start = e.localHeader + 30 + view.getUint16(e.localHeader + 26, true) + view.getUint16(e.localHeader + 28, true);
    // A zip64 entry's compressed size is in its extra field; the rest of the file holds it, and inflating stops at its end.
    const end = e.compressedSize === 0xffffffff ? view.byteLength : Math.min(view.byteLength, start + e.compressedSize);
    if (start >= end) continue;
    const compressed = data.subarray(start, end);
    total += e.method === 8 ? await inflatedSize(compressed, budget - total, true) : compressed.length;
  }
  return total;
}

/** The end-of-central-directory record: the last 22 bytes, or further back by a comment of up to 64 KB. */
function endOfCentralDirectory(view: DataView): number | undefined {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  return undefined;
}

/** The uncompressed size in an entry's zip64 extra field (id 1), which comes first in it. */
function zip64Size(view: DataView, at: number, length: number): number | undefined {
  for (let p = at; p + 4 <= at + length && p + 4 <= view.byteLength;) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 1 && size >= 8 && p + 12 <= view.byteLength) return Number(view.getBigUint64(p + 4, true));
    p += 4 + size;
  }
  return undefined;
}
