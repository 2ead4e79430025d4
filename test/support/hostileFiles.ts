import * as zlib from 'zlib';

/**
 * Published files crafted to expand without end, made in memory for the tests (never committed):
 * each is small on disk and inflates to `copies` megabytes of repeated text.
 */

const MB = 1024 * 1024;

/**
 * A deflate stream of `head`, `copies` times `body` and `tail`, built without compressing the whole:
 * a full flush ends each part on a byte boundary with a fresh dictionary, so the compressed body is
 * the same every time and is written once and repeated.
 */
function repeatedDeflate(head: string, body: string, copies: number, tail: string): Buffer {
  const part = (text: string, flush: number): Buffer => zlib.deflateRawSync(Buffer.from(text, 'latin1'), { level: 9, finishFlush: flush });
  const block = part(body, zlib.constants.Z_FULL_FLUSH);
  return Buffer.concat([
    part(head, zlib.constants.Z_FULL_FLUSH),
    ...Array<Buffer>(copies).fill(block),
    part(tail, zlib.constants.Z_FINISH),
  ]);
}

/** `text` repeated to about a megabyte. */
function megabyteOf(text: string): string {
  return text.repeat(Math.floor(MB / text.length));
}

const ADLER_BASE = 65521;

function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    a = (a + text.charCodeAt(i)) % ADLER_BASE;
    b = (b + a) % ADLER_BASE;
  }
  return (b << 16) | a;
}

/** The Adler-32 checksum of two texts one after the other, from theirs (as zlib's adler32_combine). */
function adler32Combine(first: number, second: number, secondLength: number): number {
  const rem = secondLength % ADLER_BASE;
  const a1 = first & 0xffff;
  const b1 = (first >>> 16) & 0xffff;
  const a = (a1 + (second & 0xffff) + ADLER_BASE - 1) % ADLER_BASE;
  const b = (((rem * a1) % ADLER_BASE) + b1 + ((second >>> 16) & 0xffff) + ADLER_BASE - rem) % ADLER_BASE;
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream (header, deflate, checksum) of `head`, `copies` times `body` and `tail`. */
function repeatedZlib(head: string, body: string, copies: number, tail: string): Buffer {
  let checksum = adler32(head);
  const bodySum = adler32(body);
  for (let n = 0; n < copies; n++) checksum = adler32Combine(checksum, bodySum, body.length);
  checksum = adler32Combine(checksum, adler32(tail), tail.length);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(checksum >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), repeatedDeflate(head, body, copies, tail), trailer]);
}

function crc32Of(parts: string[], copies: number[]): number {
  let crc = 0;
  parts.forEach((p, i) => {
    const bytes = Buffer.from(p, 'latin1');
    for (let n = 0; n < copies[i]; n++) crc = zlib.crc32(bytes, crc);
  });
  return crc;
}

interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflated (method 8) when set, stored as is otherwise. */
  size?: number;
  crc?: number;
}

/** A zip file of the entries, with honest sizes and checksums in its local headers and central directory. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const deflated = e.size !== undefined;
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflated ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(deflated ? 8 : 0, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(e.data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    central.push(entry, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A Word file whose document.xml unpacks to about `copies` MB (up to 4,000) of empty paragraphs, or
 * with `oneParagraph` of words in one paragraph; `lie` declares it a hundredth of its size.
 */
export function zipBombDocx(copies: number, oneParagraph = false, lie = false): Buffer {
  const open =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const head = oneParagraph ? `${open}<w:p><w:r><w:t>` : open;
  const body = megabyteOf(oneParagraph ? 'referat ' : '<w:p/>');
  const tail = `${oneParagraph ? '</w:t></w:r></w:p>' : ''}</w:body></w:document>`;
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(types) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    {
      name: 'word/document.xml',
      data: repeatedDeflate(head, body, copies, tail),
      size: Math.round((head.length + copies * body.length + tail.length) / (lie ? 100 : 1)),
      crc: crc32Of([head, body, tail], [1, copies, 1]),
    },
  ]);
}

/**
 * A one-page PDF whose content stream inflates to about `copies` MB of text operators. With
 * `hiddenFilter` the stream names its filter through another object, which no scan of the stream's
 * own dictionary sees: only the reading thread's bounds stop it.
 */
export function pdfBomb(copies: number, hiddenFilter = false): Buffer {
  const stream = repeatedZlib('BT /F1 12 Tf 72 720 Td\n', megabyteOf('(Punkt 1) Tj '), copies, '\nET\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const filter = hiddenFilter ? '[6 0 R]' : '/FlateDecode';
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  const add = (b: Buffer): void => {
    parts.push(b);
    length += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(length);
    add(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`));
  });
  offsets.push(length);
  add(Buffer.from(`5 0 obj\n<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`));
  add(stream);
  add(Buffer.from('\nendstream\nendobj\n'));
  offsets.push(length);
  add(Buffer.from('6 0 obj\n/FlateDecode\nendobj\n'));
  const xref = length;
  add(
    Buffer.from(
      `xref\n0 7\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

/** A web page whose elements nest `depth` deep. */
export function deepHtml(depth: number): Buffer {
  return Buffer.from(
    `<!doctype html><html><body><main><h1>REFERAT</h1>${'<div>'.repeat(depth)}Punkt 1: Godkendelse${'</div>'.repeat(depth)}</main></body></html>`,
  );
}
