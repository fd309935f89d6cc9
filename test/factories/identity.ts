import type TestAgent from 'supertest/lib/agent';
import { bearer } from './index';

export { tinyJpeg, tinyPng } from '../../src/identity/rules/test-images';

/** Issues (or reissues) a wristband; returns the body with code and qrPayload. */
export async function issueWristband(http: TestAgent, token: string, stayId: string) {
  const res = await http.post(`/api/v1/stays/${stayId}/wristbands`).set(bearer(token)).send();
  if (res.status !== 201) throw new Error(`issueWristband: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; qrPayload: string; revokedPrevious: number };
}

export async function addDocument(
  http: TestAgent,
  token: string,
  stayId: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await http
    .post(`/api/v1/stays/${stayId}/identity-documents`)
    .set(bearer(token))
    .send({
      type: 'passport',
      number: 'G1234567',
      issuingCountry: 'HN',
      checkMethod: 'visual',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`addDocument: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; numberMasked: string };
}

/** Posts a verification and returns the raw response (status and body are what tests look at). */
export function verify(http: TestAgent, token: string, stayId: string, body: Record<string, unknown>) {
  return http.post(`/api/v1/stays/${stayId}/identity-verifications`).set(bearer(token)).send(body);
}

export const releaseCheck = (presented: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  checkpoint: 'RELEASE',
  methods: ['wristband', 'photo'],
  presented,
  officerAssessment: 'MATCH',
  ...extra,
});

/**
 * Satisfies the identity exit gate for tests of other modules: records a MATCH at the checkpoint by each of
 * `tokens` (RELEASE needs two different officers; TRANSFER_OUT and TRANSFER_IN one), presenting the stay's
 * wristband. Without `qrPayload` a band is issued with the first token; pass the payload it returns to verify
 * again later (the receiving centre of a transfer cannot issue a band for the sending centre's stay). Every
 * token must belong to an intake officer or centre manager who may see the stay (or receives its transfer).
 */
export async function verifyIdentityForExit(
  http: TestAgent,
  tokens: string[],
  stayId: string,
  checkpoint: 'RELEASE' | 'TRANSFER_OUT' | 'TRANSFER_IN' = 'RELEASE',
  qrPayload?: string,
): Promise<string> {
  const payload = qrPayload ?? (await issueWristband(http, tokens[0], stayId)).qrPayload;
  for (const token of tokens) {
    const res = await verify(http, token, stayId, {
      checkpoint,
      methods: ['wristband'],
      presented: { wristbandCode: payload },
    });
    if (res.status !== 201 || res.body.result !== 'MATCH') {
      throw new Error(`verifyIdentityForExit: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  return payload;
}

/**
 * A transfer carried through: requested by a manager of the sending centre, the person verified at TRANSFER_IN
 * with the band already checked at TRANSFER_OUT by an officer of the receiving centre, and accepted by that
 * officer. Answers the stay the transfer opened.
 */
export async function transferAndAccept(
  http: TestAgent,
  transfer: {
    stayId: string;
    toCentreId: string;
    managerToken: string;
    receivingToken: string;
    band: string;
    legalBasis?: string;
  },
): Promise<string> {
  const requested = await http
    .post(`/api/v1/stays/${transfer.stayId}/transfer`)
    .set(bearer(transfer.managerToken))
    .send({ toCentreId: transfer.toCentreId, legalBasis: transfer.legalBasis ?? 'Oficio INM/2026/1187' });
  if (requested.status !== 201) {
    throw new Error(`transferAndAccept: request ${requested.status} ${JSON.stringify(requested.body)}`);
  }
  await verifyIdentityForExit(http, [transfer.receivingToken], transfer.stayId, 'TRANSFER_IN', transfer.band);
  const accepted = await http
    .post(`/api/v1/transfers/${requested.body.id}/accept`)
    .set(bearer(transfer.receivingToken))
    .send({ version: requested.body.version });
  if (accepted.status !== 200) {
    throw new Error(`transferAndAccept: accept ${accepted.status} ${JSON.stringify(accepted.body)}`);
  }
  return accepted.body.newStayId as string;
}

/**
 * Ages every document, fingerprint reference and wristband on record by a day, as if recorded at an intake long
 * before: at an exit check, evidence recorded in the last IDENTITY_EVIDENCE_MIN_AGE_MINUTES counts for nothing.
 */
export async function settleEvidence(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query(`UPDATE identity_documents SET recorded_at = recorded_at - interval '1 day'`);
  await db.query(`UPDATE biometric_references SET recorded_at = recorded_at - interval '1 day'`);
  await db.query(`UPDATE wristbands SET issued_at = issued_at - interval '1 day'`);
}
