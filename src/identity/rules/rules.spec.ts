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
