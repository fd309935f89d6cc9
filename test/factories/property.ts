import { createHash, randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { bearer } from './index';

/** SHA-256 of a fake captured signature image. */
export const signature = () => createHash('sha256').update(randomBytes(16)).digest('hex');

export const phone = (overrides: Record<string, unknown> = {}) => ({
  category: 'phone_electronics',
  description: 'Samsung Galaxy A12, black',
  quantity: 1,
  condition: 'cracked screen, working',
  serialNumber: '356938035643809',
  estimatedValue: { currency: 'MXN', amountMinor: 150000 },
  storageLocation: 'Locker B-12',
  ...overrides,
});

export const passport = (overrides: Record<string, unknown> = {}) => ({
  category: 'identity_documents',
  description: 'Passport (Honduras)',
  quantity: 1,
  condition: 'good',
  storageLocation: 'Safe 1',
  ...overrides,
});

export const ring = (overrides: Record<string, unknown> = {}) => ({
  category: 'jewellery_valuables',
  description: 'Gold ring',
  quantity: 1,
  condition: 'worn',
  estimatedValue: { currency: 'USD', amountMinor: 25000 },
  storageLocation: 'Safe 1',
  ...overrides,
});

/** The intake of the issue: USD 120, MXN 850, EUR 20, a phone, a passport and a ring (witnessed). */
export const fullIntake = (witnessId: string, overrides: Record<string, unknown> = {}) => ({
  items: [phone(), passport(), ring()],
  cash: [
    { currency: 'USD', amountMinor: 12000, denominations: [{ valueMinor: 2000, count: 6 }] },
    { currency: 'MXN', amountMinor: 85000 },
    { currency: 'EUR', amountMinor: 2000 },
  ],
  witnessId,
  ...overrides,
});

export async function intake(http: TestAgent, token: string, stayId: string, body: Record<string, unknown>) {
  const res = await http.post(`/api/v1/stays/${stayId}/property/intake`).set(bearer(token)).send(body);
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    type: string;
    number: string;
    version: number;
    lines: Record<string, unknown[]>;
  };
}

export async function acknowledge(http: TestAgent, token: string, receipt: { id: string; version: number }) {
  const res = await http
    .post(`/api/v1/property-receipts/${receipt.id}/acknowledge`)
    .set(bearer(token))
    .send({ version: receipt.version, person: { signatureSha256: signature() } });
  if (res.status !== 200) throw new Error(`acknowledge: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string; acknowledgedAt: string; lines: Record<string, unknown[]> };
}
