/**
 * Face photos are accepted as JPEG or PNG only, recognised by their magic bytes (never by the declared
 * content type), and stored without metadata: EXIF (GPS position, device serial, time), XMP, comments and
 * text chunks are removed. The image data itself is kept byte for byte.
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
// personal data. Every other APPn segment (EXIF, XMP, ICC, maker notes, thumbnails) and COM goes.
const isDroppedJpegMarker = (marker: number, seg: Buffer): boolean =>
  marker === 0xfe ||
  (marker >= 0xe0 &&
    marker <= 0xef &&
    !(marker === 0xee && seg.subarray(0, 5).toString('latin1') === 'Adobe'));

function stripJpeg(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 4 > buf.length || buf[i] !== 0xff) throw new InvalidImage('truncated or malformed JPEG');
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) throw new InvalidImage('JPEG without image data');
    const length = buf.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > buf.length) throw new InvalidImage('truncated or malformed JPEG');
    const segment = buf.subarray(i, i + 2 + length);
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data and everything after it is image data; keep it whole.
      parts.push(buf.subarray(i));
      break;
    }
    if (!isDroppedJpegMarker(marker, segment.subarray(4))) parts.push(segment);
    i += 2 + length;
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
