import { maskDocumentNumber, normaliseDocumentNumber } from './document-number';
import { detectImageType, InvalidImage, stripImageMetadata } from './image-metadata';
import { birthDatesClose, foldName, namesAlike } from './name-similarity';
import { newWristbandCode, parseScan, signatureValid, wristbandPayload } from './wristband-code';
import { tinyJpeg, tinyPng } from './test-images';

describe('wristband codes', () => {
  const secret = 'test-secret-test-secret-test-secret';
  it('signs a code for one stay; the signature does not verify for another stay or secret', () => {
    const code = newWristbandCode();
    const payload = wristbandPayload(secret, code, 'stay-a');
    const scan = parseScan(payload)!;
    expect(scan.code).toBe(code);
    expect(signatureValid(secret, code, 'stay-a', scan.signature!)).toBe(true);
    expect(signatureValid(secret, code, 'stay-b', scan.signature!)).toBe(false);
    expect(signatureValid('another-secret', code, 'stay-a', scan.signature!)).toBe(false);
  });
  it('accepts a typed code without signature and refuses garbage', () => {
    expect(parseScan(' abcdefghjkmn ')).toEqual({ code: 'ABCDEFGHJKMN', signature: null });
    expect(parseScan('short')).toBeNull();
    expect(parseScan('ABCDEFGHJKMN.x.y')).toBeNull();
    expect(parseScan('ABCDEFGHJKMN.!!!!!!!!!!!!!!!!')).toBeNull();
  });
});

describe('document numbers', () => {
  it('normalise case, spaces and punctuation; mask all but four', () => {
    expect(normaliseDocumentNumber(' ab 123-456.7 ')).toBe('AB1234567');
    expect(normaliseDocumentNumber('Ñ-12')).toBe('N12');
    expect(maskDocumentNumber('AB1234567')).toBe('•••••4567');
  });
});

describe('image metadata', () => {
  it('detects JPEG and PNG by magic bytes only', () => {
    expect(detectImageType(tinyJpeg())).toBe('image/jpeg');
    expect(detectImageType(tinyPng())).toBe('image/png');
    expect(detectImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(() => stripImageMetadata(Buffer.from('<svg/>'))).toThrow(InvalidImage);
  });

  it('removes EXIF (APP1) and comments from a JPEG, keeping the image data', () => {
    const exif = Buffer.concat([
      Buffer.from([0xff, 0xe1, 0x00, 0x12]),
      Buffer.from('Exif\0\0GPS 14.9N 92.2W'),
    ]).subarray(0, 20);
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x07]), Buffer.from('hello')]);
    const plain = tinyJpeg();
    const withMeta = Buffer.concat([plain.subarray(0, 2), exif, com, plain.subarray(2)]);
    const { type, data } = stripImageMetadata(withMeta);
    expect(type).toBe('image/jpeg');
    expect(data.includes(Buffer.from('Exif'))).toBe(false);
    expect(data.includes(Buffer.from('hello'))).toBe(false);
    expect(data.equals(stripImageMetadata(plain).data)).toBe(true);
  });

  const segment = (marker: number, data: Buffer | number[]) => {
    const body = Buffer.from(data);
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const EOI = Buffer.from([0xff, 0xd9]);
  /** tinyJpeg() as stored (its JFIF APP0 goes too): SOI, DQT, SOF0, DHT, SOS, one byte of data, EOI. */
  const plainJpeg = () => stripImageMetadata(tinyJpeg()).data;
  /** The same without its end-of-image marker. */
  const firstScan = () => plainJpeg().subarray(0, plainJpeg().length - 2);
  const exif = segment(0xe1, Buffer.from('Exif\0\0GPSLatitude=14.9N GPSLongitude=92.2W'));

  it('drops whatever follows the end-of-image marker: a second JPEG with its own EXIF (MPF), or junk', () => {
    const mpf = Buffer.concat([Buffer.from([0xff, 0xd8]), exif, EOI]);
    const { data } = stripImageMetadata(Buffer.concat([tinyJpeg(), mpf]));
    expect(data.includes(Buffer.from('Exif'))).toBe(false);
    expect(data.includes(Buffer.from('GPSLat'))).toBe(false);
    expect(data.equals(plainJpeg())).toBe(true);
    const junk = stripImageMetadata(Buffer.concat([tinyJpeg(), Buffer.from('GPSLatitude=14.9N')])).data;
    expect(junk.equals(plainJpeg())).toBe(true);
  });

  it('walks the scans of a progressive JPEG: drops APPn and COM between them, keeps tables, scans and data', () => {
    // Entropy-coded data with a stuffed 0xFF (FF 00, followed by what looks like an APP1 marker byte) and a
    // restart marker (FF D0): both are image data, not markers.
    const scanData = Buffer.from([0x12, 0xff, 0x00, 0xe1, 0x00, 0x08, 0xff, 0xd0, 0x34]);
    const dht = segment(0xc4, [0x10, 0, 1, ...new Array<number>(15).fill(0), 0]);
    const dri = segment(0xdd, [0, 4]);
    const sos = segment(0xda, [1, 1, 0x10, 1, 0x3f, 0]);
    const image = Buffer.concat([firstScan(), dht, dri, sos, scanData, EOI]);
    const com = segment(0xfe, Buffer.from('taken by officer 4711'));
    const withMeta = Buffer.concat([
      firstScan(),
      exif,
      dht,
      com,
      dri,
      segment(0xee, Buffer.from('Adobe\0secret')),
      sos,
      scanData,
      Buffer.from([0xff, 0xff]), // fill bytes before a marker
      segment(0xe2, Buffer.from('MPF\0GPS')),
      EOI,
    ]);
    const { data } = stripImageMetadata(withMeta);
    for (const text of ['Exif', 'GPS', 'officer', 'secret', 'MPF']) {
      expect(data.includes(Buffer.from(text))).toBe(false);
    }
    expect(data.equals(image)).toBe(true);
    expect(stripImageMetadata(image).data.equals(image)).toBe(true);
  });

  it('refuses a JPEG whose scan data never ends (no end-of-image marker)', () => {
    expect(() => stripImageMetadata(firstScan())).toThrow(InvalidImage);
    expect(() => stripImageMetadata(Buffer.concat([firstScan(), Buffer.from([0x12, 0xff])]))).toThrow(
      InvalidImage,
    );
    expect(() => stripImageMetadata(Buffer.concat([firstScan(), exif]))).toThrow(InvalidImage);
  });

  it('removes text chunks and trailing data from a PNG', () => {
    const png = tinyPng({ text: 'Author\0Officer Name', trailer: 'hidden' });
    const { data } = stripImageMetadata(png);
    expect(data.includes(Buffer.from('Officer Name'))).toBe(false);
    expect(data.includes(Buffer.from('hidden'))).toBe(false);
    expect(data.includes(Buffer.from('IDAT'))).toBe(true);
    expect(data.equals(tinyPng())).toBe(true);
  });

  it('refuses truncated images', () => {
    expect(() => stripImageMetadata(tinyJpeg().subarray(0, 10))).toThrow(InvalidImage);
    expect(() => stripImageMetadata(tinyPng().subarray(0, 30))).toThrow(InvalidImage);
  });
});

describe('name similarity', () => {
  it('finds the same name written differently, not a different one', () => {
    expect(namesAlike('Ana López', 'ANA MARIA LOPEZ HERNANDEZ')).toBe(true);
    expect(namesAlike('Ana Lopes', 'Ana López')).toBe(true);
    expect(namesAlike('Ana López', 'Ana Martínez')).toBe(false);
    expect(namesAlike('Ana', 'Ana López')).toBe(false);
  });
  it('folds letters as unaccent does, not by dropping them', () => {
    expect(foldName('Yıldız Aydın')).toEqual(['yildiz', 'aydin']);
    expect(foldName('Strauß Đặng Þórsson Løkke Łukasz')).toEqual([
      'strauss',
      'dang',
      'thorsson',
      'lokke',
      'lukasz',
    ]);
    expect(namesAlike('Yildiz Aydin', 'Yıldız Aydın')).toBe(true);
    expect(namesAlike('Ɗan Ladi Ɓello', 'Dan Ladi Bello')).toBe(true); // Hausa hooked letters
    expect(foldName('Ħabib Ŋoma')).toEqual(['habib', 'noma']);
    expect(foldName('José Pe\u0301rez')).toEqual(['jose', 'perez']); // a decomposed accent too
  });
  it('dates of birth within a year', () => {
    expect(birthDatesClose('1990-01-01', '1990-12-31')).toBe(true);
    expect(birthDatesClose('1990-01-01', '1991-06-01')).toBe(false);
    expect(birthDatesClose(null, '1990-01-01')).toBe(false);
  });
});
