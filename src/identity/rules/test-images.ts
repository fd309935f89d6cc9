import { crc32, deflateSync } from 'node:zlib';

/**
 * Smallest valid images, built in code so tests need no fixture files. Used by unit specs and e2e tests.
 */
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function tinyPng(opts: { text?: string; trailer?: string; seed?: number } = {}): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1x1 RGB
  const pixel = Buffer.from([0, (opts.seed ?? 0) & 0xff, 128, 64]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(opts.text ? [pngChunk('tEXt', Buffer.from(opts.text, 'latin1'))] : []),
    pngChunk('IDAT', deflateSync(pixel)),
    pngChunk('IEND', Buffer.alloc(0)),
    ...(opts.trailer ? [Buffer.from(opts.trailer)] : []),
  ]);
}

/** A structurally valid baseline JPEG skeleton (SOI, APP0, DQT, SOF0, DHT, SOS, data, EOI). */
export function tinyJpeg(): Buffer {
  const seg = (marker: number, data: number[]) => [
    0xff,
    marker,
    ((data.length + 2) >> 8) & 0xff,
    (data.length + 2) & 0xff,
    ...data,
  ];
  return Buffer.from([
    0xff,
    0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...seg(0xc4, [0, 0, 1, ...new Array(15).fill(0), 0]),
    ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x00,
    0xff,
    0xd9,
  ]);
}
