import { Role } from '../../src/auth/role.enum';
import { DocumentVerificationService } from '../../src/documents/document-verification.service';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit } from '../factories/admissions';
import { waitForDocument } from '../factories/documents';
import { verifyIdentityForExit } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The transfer manifest (the paper the person travels with) is issued when the transfer is requested. Once the
 * transfer is cancelled or rejected, the paper must no longer verify as authorising a move that will not happen.
 */
describe('The manifest of a transfer that will not happen is revoked', () => {
  let t: TestApp;
  let centre: { id: string };
  let receiving: { id: string };
  let elsewhere: { id: string };
  let officer: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken);
    receiving = await createCentre(t.http, t.adminToken);
    elsewhere = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  const manifests = async (stayId: string) => {
    const res = await t.http
      .get('/api/v1/documents')
      .query({ subjectId: stayId, type: 'transfer-manifest' })
      .set(bearer(officer.token));
    expect(res.status).toBe(200);
    return res.body as { id: string }[];
  };

  it('cancelled, then requested to another centre: the first manifest answers valid false, with the reason', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await verifyIdentityForExit(t.http, [officer.token], stay.id, 'TRANSFER_OUT');
    const first = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(manager.token))
      .send({ toCentreId: receiving.id, legalBasis: 'Acuerdo de traslado 77/2026' });
    expect(first.status).toBe(201);
    const [manifest] = await manifests(stay.id);
    await waitForDocument(t.http, officer.token, manifest.id);
    const pdf = await t.http
      .get(`/api/v1/documents/${manifest.id}/file`)
      .set(bearer(officer.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const paper = pdf.body as Buffer;

    const cancelled = await t.http
      .post(`/api/v1/transfers/${first.body.id}/cancel`)
      .set(bearer(manager.token))
      .send({ reason: 'receiving centre full', version: first.body.version });
    expect([200, 201]).toContain(cancelled.status);
    expect(cancelled.body.status).toBe('CANCELLED');

    const second = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(manager.token))
      .send({ toCentreId: elsewhere.id, legalBasis: 'Acuerdo de traslado 78/2026' });
    expect(second.status).toBe(201);

    // At a checkpoint on the road, the official uploads the first paper (to the receiving centre).
    const check = await t.http
      .post('/api/v1/documents/verify')
      .set('Content-Type', 'application/pdf')
      .send(paper);
    expect(check.status).toBe(200);
    expect(check.body.document).toMatchObject({ id: manifest.id, revokedReason: 'Transfer cancelled' });
    expect(check.body.valid).toBe(false);
    // The new transfer's manifest stands; the revocation is audited in the issuing centre's chain.
    const all = await manifests(stay.id);
    expect(all).toHaveLength(2);
    const current = all.find((d) => d.id !== manifest.id)!;
    expect(
      (await t.http.get(`/api/v1/documents/${current.id}`).set(bearer(officer.token))).body.revokedAt,
    ).toBeNull();
    const revoked = await t.db.query(
      `SELECT actor_id AS "actorId", centre_id AS "centreId", details FROM audit_events
       WHERE action = 'document.revoke' AND entity_id = $1`,
      [manifest.id],
    );
    expect(revoked).toEqual([
      {
        actorId: manager.id,
        centreId: centre.id,
        details: { type: 'transfer-manifest', subjectId: stay.id, reason: 'Transfer cancelled' },
      },
    ]);
  });

  it('a manifest verified by its QR code answers valid false once the receiving centre rejects the transfer', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await verifyIdentityForExit(t.http, [officer.token], stay.id, 'TRANSFER_OUT');
    const requested = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(manager.token))
      .send({ toCentreId: receiving.id, legalBasis: 'Acuerdo de traslado 79/2026' });
    expect(requested.status).toBe(201);
    const [manifest] = await manifests(stay.id);
    await waitForDocument(t.http, officer.token, manifest.id);
    const officerR = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [receiving.id]);
    const rejected = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/reject`)
      .set(bearer(officerR.token))
      .send({ reason: 'No capacity this week', version: requested.body.version });
    expect(rejected.status).toBe(200);
    // What the QR code on the paper points to.
    const url = new URL(t.app.get(DocumentVerificationService).verifyUrl(manifest.id));
    const check = await t.http.get(`/api/v1/documents/verify${url.search}`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ valid: false, document: { revokedReason: 'Transfer rejected' } });
  });
});
