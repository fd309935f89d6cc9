import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A wristband carries `<code>.<signature>` as a QR code. The code is random and unique; the signature is an
 * HMAC over the code and the stay it was issued to, so a printed band cannot be forged or moved to another
 * stay without the server noticing.
 */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud or typed by hand
const CODE_LENGTH = 12;
const SIGNATURE_BYTES = 12;

export function newWristbandCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return code;
}

export function signWristband(secret: string, code: string, stayId: string): string {
  return createHmac('sha256', secret)
    .update(`wristband:v1:${code}:${stayId}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString('base64url');
}

export const wristbandPayload = (secret: string, code: string, stayId: string): string =>
  `${code}.${signWristband(secret, code, stayId)}`;

export interface ParsedScan {
  code: string;
  signature: string | null;
}

/** Accepts the scanned payload, or a code typed by hand (no signature: it can be looked up but not trusted). */
export function parseScan(scanned: string): ParsedScan | null {
  const [code, signature, ...rest] = scanned.trim().split('.');
  if (rest.length || !/^[A-Z2-9]{12}$/i.test(code)) return null;
  if (signature !== undefined && !/^[A-Za-z0-9_-]{16}$/.test(signature)) return null;
  return { code: code.toUpperCase(), signature: signature ?? null };
}

export function signatureValid(secret: string, code: string, stayId: string, signature: string): boolean {
  const expected = Buffer.from(signWristband(secret, code, stayId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
