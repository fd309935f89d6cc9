/**
 * Face photos are accepted as JPEG or PNG only, recognised by their magic bytes (never by the declared
 * content type), and stored without metadata: EXIF (GPS position, device serial, time), XMP, comments and
 * text chunks are removed, wherever they are in the file (between the scans of a progressive JPEG too), and so
 * is anything after the end of the image (a JPEG's end-of-image marker, a PNG's IEND). The image data itself is
 * kept byte for byte.
 */
export type ImageType = 'image/jpeg' | 'image/png';

export class InvalidImage extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function detectImageType(buf: Buffer): ImageType | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

export function stripImageMetadata(buf: Buffer): { type: ImageType; data: Buffer } {
  const type = detectImageType(buf);
  if (type === 'image/jpeg') return { type, data: stripJpeg(buf) };
  if (type === 'image/png') return { type, data: stripPng(buf) };
  throw new InvalidImage('not a JPEG or PNG image');
}

// APP14 ("Adobe") tells decoders the colour transform: dropping it can change the colours, and it holds no
// personal data. Every other APPn segment (EXIF, XMP, ICC, maker notes, thumbnails) and COM goes. After the
// first scan every APPn and COM goes, Adobe's too (decoders read it before the frame only).
const isDroppedJpegMarker = (marker: number, seg: Buffer, afterScan: boolean): boolean =>
  marker === 0xfe ||
  (marker >= 0xe0 &&
    marker <= 0xef &&
    (afterScan || !(marker === 0xee && seg.subarray(0, 5).toString('latin1') === 'Adobe')));

const isRestartMarker = (marker: number): boolean => marker >= 0xd0 && marker <= 0xd7;

/**
 * The index of the marker that ends the entropy-coded data starting at `i`: 0xFF 0x00 (a stuffed 0xFF) and
 * the restart markers RST0–RST7 are part of the data; any other marker ends it. Fill bytes (0xFF repeated)
 * before a marker belong to that marker. Throws when the file ends inside the data.
 */
function endOfEntropyCodedData(buf: Buffer, i: number): number {
  for (;;) {
    const ff = buf.indexOf(0xff, i);
    if (ff < 0 || ff + 1 >= buf.length) throw new InvalidImage('JPEG without end-of-image marker');
    let next = ff + 1;
    while (next < buf.length && buf[next] === 0xff) next += 1;
    if (next >= buf.length) throw new InvalidImage('JPEG without end-of-image marker');
    const marker = buf[next];
    if (marker === 0x00 || isRestartMarker(marker)) {
      i = next + 1;
      continue;
    }
    return ff;
  }
}

/**
 * Walks the file marker by marker, through the scans too: the entropy-coded data after each start of scan is
 * kept as it is, the segments between scans that decoding needs (DHT, DQT, DRI, DNL, SOS of the next scan of a
 * progressive image) are kept, APPn and COM go wherever they are, and everything after the first end-of-image
 * marker goes (phones append a second JPEG there, with its own EXIF and GPS position: MPF).
 */
function stripJpeg(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  let afterScan = false;
  for (;;) {
    if (i + 2 > buf.length || buf[i] !== 0xff) throw new InvalidImage('truncated or malformed JPEG');
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      if (!afterScan) throw new InvalidImage('JPEG without image data');
      parts.push(buf.subarray(i, i + 2));
      break; // anything after the end of the image is dropped
    }
    if (isRestartMarker(marker) || marker === 0x01) {
      // Markers without a length (a stray restart marker, TEM): kept after a scan, malformed before one.
      if (!afterScan) throw new InvalidImage('truncated or malformed JPEG');
      parts.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0x00) throw new InvalidImage('truncated or malformed JPEG');
    if (i + 4 > buf.length) throw new InvalidImage('truncated or malformed JPEG');
    const length = buf.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > buf.length) throw new InvalidImage('truncated or malformed JPEG');
    const segment = buf.subarray(i, i + 2 + length);
    i += 2 + length;
    if (marker === 0xda) {
      // Start of scan: its header, then the entropy-coded data up to the next marker, kept byte for byte.
      afterScan = true;
      const end = endOfEntropyCodedData(buf, i);
      parts.push(segment, buf.subarray(i, end));
      i = end;
      continue;
    }
    if (!isDroppedJpegMarker(marker, segment.subarray(4), afterScan)) parts.push(segment);
  }
  return Buffer.concat(parts);
}

// Chunks that decoding needs or that change how the pixels look; text, time, EXIF and all unknown chunks go.
const KEPT_PNG_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'pHYs',
]);

function stripPng(buf: Buffer): Buffer {
  const parts: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  let sawEnd = false;
  while (i < buf.length) {
    if (i + 12 > buf.length) throw new InvalidImage('truncated or malformed PNG');
    const length = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + length > buf.length) {
      throw new InvalidImage('truncated or malformed PNG');
    }
    if (KEPT_PNG_CHUNKS.has(type)) parts.push(buf.subarray(i, i + 12 + length));
    i += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break; // anything appended after IEND (a common hiding place) is dropped
    }
  }
  if (!sawEnd || parts.length < 3) throw new InvalidImage('truncated or malformed PNG');
  return Buffer.concat(parts);
}
