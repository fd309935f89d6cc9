import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay, closeStayInDatabase } from '../factories/admissions';
import { addDocument, issueWristband, tinyPng, verify } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A merge or unmerge changes the evidence a person is checked against (a merged record's passport verifies
 * the person, an unmerged one no longer does), so checks made before it no longer open the exit gates.
 */
describe('merges and unmerges: re-verification, what the merge answers show, merged records’ photos', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let officerB1: TestUser;
  let officerB2: TestUser;
  let managerB: TestUser;
  let auditorB: TestUser;
  let earlier: AdmittedStay;
  let current: AdmittedStay;
  let band: string;
  let photoId: string;
  let mergeId: string;

  const person = {
    givenNames: 'Dania',
    familyNames: 'Zelaya Cruz',
    dateOfBirth: '1988-02-10',
    nationalities: ['HN'],
  };

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    officerB1 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    officerB2 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreB.id]);
    auditorB = await createUser(t.http, t.adminToken, [Role.Auditor], [centreB.id]);
    // Another record of the same name, birth date and nationality, with a passport and a photo, held at A
    // and released.
    earlier = await admit(t.http, officerA.token, centreA.id, {
      person: { ...person, aliases: ['La Güera'] },
    });
    await addDocument(t.http, officerA.token, earlier.id, { number: 'E4455667', issuingCountry: 'HN' });
    photoId = (
      await t.http
        .post(`/api/v1/stays/${earlier.id}/identity-photos`)
        .set(bearer(officerA.token))
        .attach('photo', tinyPng({ seed: 11 }), 'a.png')
    ).body.id;
    await closeStayInDatabase(t.db, earlier.id);
    current = await admit(t.http, officerB1.token, centreB.id, {
      person: { ...person, familyNames: 'Zelaya' },
    });
    band = (await issueWristband(t.http, officerB1.token, current.id)).qrPayload;
  });
  afterAll(() => t.close());

  const releaseFailures = async () => {
    const res = await t.http
      .get(`/api/v1/stays/${current.id}/release-readiness`)
      .query({ kind: 'RELEASE', legalBasis: 'Resolución 1/2026' })
      .set(bearer(managerB.token));
    expect(res.status).toBe(200);
    return (res.body.failures as { code: string }[]).map((f) => f.code);
  };
  const twoOfficersCheck = async (presented: Record<string, unknown>, methods: string[]) => {
    for (const officer of [officerB1, officerB2]) {
      const res = await verify(t.http, officer.token, current.id, {
        checkpoint: 'RELEASE',
        methods,
        presented,
      });
      expect(res.body).toMatchObject({ result: 'MATCH' });
    }
  };

  it('checks made before a merge no longer open the release gate; checks after it do', async () => {
    await twoOfficersCheck({ wristbandCode: band }, ['wristband']);
    expect(await releaseFailures()).not.toContain('IDENTITY_NOT_VERIFIED');

    const merged = await t.http
      .post(`/api/v1/persons/${current.personId}/match-decisions`)
      .set(bearer(managerB.token))
      .send({
        candidatePersonId: earlier.personId,
        decision: 'confirmed',
        reason: 'same name and birth date',
      });
    expect(merged.status).toBe(201);
    mergeId = merged.body.merge.id;
    expect(merged.body.merge).not.toHaveProperty('snapshot');
    expect(await releaseFailures()).toContain('IDENTITY_NOT_VERIFIED');

    // Checked against the passport now on record through the merge.
    await twoOfficersCheck({ documentNumber: 'E 445-5667' }, ['document']);
    expect(await releaseFailures()).not.toContain('IDENTITY_NOT_VERIFIED');
  });

  it('a merged record’s photo is served to the survivor’s centre while the merge holds', async () => {
    const photo = await t.http.get(`/api/v1/identity-photos/${photoId}`).set(bearer(officerB1.token));
    expect(photo.status).toBe(200);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'identity.photo.read' AND entity_id = $1`,
      [photoId],
    );
    expect(n).toBe(1);
  });

  it('the merge answers and GET /persons/:id/merges never show the snapshot of the other record', async () => {
    const list = await t.http.get(`/api/v1/persons/${current.personId}/merges`).set(bearer(auditorB.token));
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: mergeId,
        survivorPersonId: current.personId,
        mergedPersonId: earlier.personId,
        reason: 'same name and birth date',
        mergedById: managerB.id,
        mergedAt: expect.any(String),
        unmergedById: null,
        unmergedAt: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/snapshot|La Güera/);
  });

  it('after an unmerge, checks made on the unmerged record’s evidence no longer count', async () => {
    const unmerged = await t.http
      .post(`/api/v1/person-merges/${mergeId}/unmerge`)
      .set(bearer(managerB.token))
      .send({ reason: 'different people: other mother’s name' });
    expect(unmerged.status).toBe(200);
    expect(unmerged.body).not.toHaveProperty('snapshot');
    expect(JSON.stringify(unmerged.body)).not.toMatch(/Zelaya Cruz|La Güera/);

    // The passport says nothing about this person any more, and the matches it gave do not open the gate.
    const now = await verify(t.http, officerB1.token, current.id, {
      checkpoint: 'COUNT',
      methods: ['document'],
      presented: { documentNumber: 'E4455667' },
    });
    expect(now.body).toMatchObject({ result: 'INCONCLUSIVE', findings: { document: 'NONE_ON_RECORD' } });
    const failures = await t.http
      .get(`/api/v1/stays/${current.id}/release-readiness`)
      .query({ kind: 'RELEASE', legalBasis: 'Resolución 1/2026' })
      .set(bearer(managerB.token));
    expect(failures.body.failures).toContainEqual(
      expect.objectContaining({
        code: 'IDENTITY_NOT_VERIFIED',
        message: expect.stringContaining('after the latest merge or unmerge'),
      }),
    );

    // The unmerged record's photo is another person's again.
    const photo = await t.http.get(`/api/v1/identity-photos/${photoId}`).set(bearer(officerB1.token));
    expect(photo.status).toBe(404);
    const list = await t.http.get(`/api/v1/persons/${current.personId}/merges`).set(bearer(auditorB.token));
    expect(JSON.stringify(list.body)).not.toMatch(/snapshot|Zelaya Cruz|La Güera/);

    // Re-verified against the person's own evidence, the release is let through.
    await twoOfficersCheck({ wristbandCode: band }, ['wristband']);
    expect(await releaseFailures()).not.toContain('IDENTITY_NOT_VERIFIED');
  });
});
