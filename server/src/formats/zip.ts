/**
 * The uncompressed size a zip file (a .docx) declares for its entries together, read from its
 * central directory without inflating anything; undefined when the directory cannot be found, in
 * which case the zip reader reports the file as broken (and the reading thread's bounds still hold).
 */
export function declaredUnzippedBytes(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = endOfCentralDirectory(view);
  if (end === undefined) return undefined;
  let entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  // Zip64: the 32-bit fields are full and the real ones sit in the zip64 end record the locator points to.
  if ((entries === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const record = Number(view.getBigUint64(end - 20 + 8, true));
    if (record + 56 > view.byteLength || view.getUint32(record, true) !== 0x06064b50) return undefined;
    entries = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) size = zip64Size(view, offset + 46 + nameLength, extraLength) ?? Infinity;
    total += size;
    offset += 46 + nameLength + extraLength + commentLength;
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
  for (let p = at; p + 4 <= at + length && p + 4 <= view.byteLength; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 1 && size >= 8 && p + 12 <= view.byteLength) return Number(view.getBigUint64(p + 4, true));
    p += 4 + size;
  }
  return undefined;
}
