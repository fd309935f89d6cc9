import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the document id, base64url: printed in the QR code, checked by the public verify route. */
export function signDocumentId(secret: string, documentId: string): string {
  return createHmac('sha256', secret).update(`document:v1:${documentId}`).digest('base64url');
}

export function isValidSignature(secret: string, documentId: string, signature: string): boolean {
  const expected = Buffer.from(signDocumentId(secret, documentId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
