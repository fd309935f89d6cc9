import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, closeStayInDatabase } from '../factories/admissions';
import { DocumentView, waitForDocument } from '../factories/documents';
import { addDocument, verifyIdentityForExit } from '../factories/identity';
import { binaryParser, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';

describe('the release certificate’s identity summary is the evidence as it stood at the release', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: TestUser;
  let officer2: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    officer2 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  const text = async (id: string) => {
    await waitForDocument(t.http, officer.token, id);
    const res = await t.http
      .get(`/api/v1/documents/${id}/file`)
      .set(bearer(officer.token))
      .buffer(true)
      .parse(binaryParser);
    return pdfText(res.body as Buffer).replace(/\s+/g, ' ');
  };

  it('a re-print after a later merge does not list the merged record’s passport', async () => {
    const person = {
      givenNames: 'Wilmer',
      familyNames: 'Mejía Rivas',
      dateOfBirth: '1991-04-04',
      nationalities: ['HN'],
    };
    // Another record, with a passport recorded before the release.
    const other = await admit(t.http, officer.token, centre.id, { person });
    await addDocument(t.http, officer.token, other.id, { number: 'P9988776', issuingCountry: 'HN' });
    await closeStayInDatabase(t.db, other.id);

    const stay = await admit(t.http, officer.token, centre.id, { person });
    await addDocument(t.http, officer.token, stay.id, { number: 'G1230001', issuingCountry: 'HN' });
    await verifyIdentityForExit(t.http, [officer.token, officer2.token], stay.id);
    const released = await t.http
      .post(`/api/v1/stays/${stay.id}/release`)
      .set(bearer(manager.token))
      .send({ releaseTo: 'FAMILY', legalBasis: 'Resolución 5/2026', version: stay.version });
    expect(released.status).toBe(200);
    const issued = await t.http
      .get(`/api/v1/documents?subjectId=${stay.id}&type=release-certificate`)
      .set(bearer(officer.token));
    const [atRelease] = issued.body as DocumentView[];
    const first = await text(atRelease.id);
    expect(first).toContain('••••0001');
    expect(first).not.toContain('8776');

    const merged = await t.http
      .post(`/api/v1/persons/${stay.personId}/match-decisions`)
      .set(bearer(manager.token))
      .send({ candidatePersonId: other.personId, decision: 'confirmed', reason: 'same person' });
    expect(merged.status).toBe(201);

    const reprint = await t.http
      .post('/api/v1/documents')
      .set(bearer(officer.token))
      .send({ type: 'release-certificate', subjectId: stay.id });
    expect(reprint.status).toBe(202);
    const later = await text(reprint.body.id);
    expect(later).toContain('••••0001');
    expect(later).not.toContain('8776');
  });
});
