import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admissionInput, admit, AdmittedStay, closeStayInDatabase } from '../factories/admissions';
import { addDocument, issueWristband, tinyPng, verify } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

describe('repeat admissions: candidates, merge and unmerge, identity history', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let officerB: TestUser;
  let managerA: TestUser;
  let managerB: TestUser;
  let atA: AdmittedStay;
  let atB: AdmittedStay;

  // No release endpoint exists yet in the admission module: the earlier stay is closed in the database.
  const closeStay = (id: string) => closeStayInDatabase(t.db, id);
  const candidates = async (token: string, personId: string) => {
    const res = await t.http.get(`/api/v1/persons/${personId}/match-candidates`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body.candidates as { personId: string; confidence: string; reasons: string[] }[];
  };
  const personOf = async (personId: string) => {
    const [row] = await t.db.query(
      `SELECT given_names, family_names, aliases, date_of_birth::text, nationalities, sex FROM persons WHERE id = $1`,
      [personId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreA.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreB.id]);

    atA = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Dania',
        familyNames: 'Zelaya Cruz',
        dateOfBirth: '1988-02-10',
        nationalities: ['HN'],
      },
    });
    await addDocument(t.http, officerA.token, atA.id, { number: 'E 445-5667', issuingCountry: 'HN' });
    await t.http
      .post(`/api/v1/stays/${atA.id}/identity-photos`)
      .set(bearer(officerA.token))
      .attach('photo', tinyPng({ seed: 7 }), 'a.png');
    await closeStay(atA.id);

    // Months later, at another centre, under another name.
    atB = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Yesenia',
        familyNames: 'Reyes',
        dateOfBirth: '1989-07-01',
        nationalities: ['GT'],
      },
    });
  });
  afterAll(() => t.close());

  it('the same passport number at centre B is recognised as a certain candidate', async () => {
    expect(await candidates(officerB.token, atB.personId)).toEqual([]);
    await addDocument(t.http, officerB.token, atB.id, { number: 'e4455667', issuingCountry: 'HN' });
    expect(await candidates(officerB.token, atB.personId)).toEqual([
      expect.objectContaining({
        personId: atA.personId,
        confidence: 'certain',
        reasons: ['SAME_DOCUMENT'],
        fullName: 'Dania Zelaya Cruz',
        centreIds: [centreA.id],
      }),
    ]);
    // Who was shown to whom is audited, in the asking officer's centre.
    const [audited] = await t.db.query(
      `SELECT actor_id, centre_id, details FROM audit_events
       WHERE action = 'person.match_candidates' AND entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [atB.personId],
    );
    expect(audited).toEqual({
      actor_id: officerB.id,
      centre_id: centreB.id,
      details: { shown: [atA.personId] },
    });
    // The same number from another country is another document.
    const other = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Kevin',
        familyNames: 'Castro',
        dateOfBirth: '1970-01-01',
        nationalities: ['SV'],
      },
    });
    await addDocument(t.http, officerB.token, other.id, { number: 'E4455667', issuingCountry: 'SV' });
    expect(await candidates(officerB.token, other.personId)).toEqual([]);
  });

  it('the same photo is a certain candidate; a similar name, close birth date and shared nationality is probable', async () => {
    const b = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Wilmer',
        familyNames: 'Mejía',
        dateOfBirth: '2000-01-01',
        nationalities: ['HN'],
      },
    });
    await t.http
      .post(`/api/v1/stays/${b.id}/identity-photos`)
      .set(bearer(officerB.token))
      .attach('photo', tinyPng({ seed: 7 }), 'b.png');
    expect(await candidates(officerB.token, b.personId)).toEqual([
      expect.objectContaining({ personId: atA.personId, confidence: 'certain', reasons: ['SAME_PHOTO'] }),
    ]);

    const ana = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Ana María',
        familyNames: 'López Hernández',
        dateOfBirth: '1995-04-01',
        nationalities: ['HN', 'GT'],
      },
    });
    const lopes = await admit(t.http, officerB.token, centreB.id, {
      person: { givenNames: 'Ana', familyNames: 'Lopes', dateOfBirth: '1995-11-20', nationalities: ['GT'] },
    });
    await admit(t.http, officerB.token, centreB.id, {
      person: { givenNames: 'Ana', familyNames: 'Lopes', dateOfBirth: '1999-11-20', nationalities: ['GT'] },
    });
    expect(await candidates(officerB.token, lopes.personId)).toEqual([
      expect.objectContaining({
        personId: ana.personId,
        confidence: 'probable',
        reasons: ['SIMILAR_NAME_BIRTH_DATE_NATIONALITY'],
      }),
    ]);

    // Rejected: not proposed again.
    const reject = await t.http
      .post(`/api/v1/persons/${lopes.personId}/match-decisions`)
      .set(bearer(officerB.token))
      .send({
        candidatePersonId: ana.personId,
        decision: 'rejected',
        reason: 'Different mothers, checked by phone.',
      });
    expect(reject.status).toBe(201);
    expect(reject.body).toMatchObject({ decision: 'rejected' });
    expect(reject.body.merge).toBeUndefined();
    expect(await candidates(officerB.token, lopes.personId)).toEqual([]);
  });

  it('finds a probable match among hundreds of people born near the same date with the same nationality', async () => {
    // 600 others of the nationality, born in the months before her (so first in date order and in the table),
    // none sharing a word of the name. Matching used to compare only the first 500 people born near the date.
    await t.db.query(
      `INSERT INTO persons (given_names, family_names, sex, date_of_birth, nationalities, version)
       SELECT 'Relleno', 'Apellido' || i, 'F', date '1979-05-04' - (i % 200), ARRAY['BZ']::char(2)[], 1
       FROM generate_series(1, 600) i`,
    );
    const first = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Xiomara',
        familyNames: 'Quintanilla Bonilla',
        dateOfBirth: '1979-05-05',
        nationalities: ['BZ'],
      },
    });
    // Not one word written the same: each is one typo away.
    const again = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Xiomarra',
        familyNames: 'Quintanila',
        dateOfBirth: '1979-08-01',
        nationalities: ['BZ', 'GT'],
      },
    });
    expect(await candidates(officerB.token, again.personId)).toEqual([
      expect.objectContaining({
        personId: first.personId,
        confidence: 'probable',
        reasons: ['SIMILAR_NAME_BIRTH_DATE_NATIONALITY'],
      }),
    ]);
  });

  it('finds the same Turkish name written with and without its letters, and survives a 300-letter word', async () => {
    // Someone nearby whose original-script name is one 300-letter word (levenshtein refuses words over 255).
    await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Zeynep',
        familyNames: 'Kaya',
        nameOriginalScript: 'q'.repeat(300),
        dateOfBirth: '1991-03-03',
        nationalities: ['TR'],
      },
    });
    const first = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Yıldız',
        familyNames: 'Aydın',
        dateOfBirth: '1991-03-01',
        nationalities: ['TR'],
      },
    });
    const again = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Yildiz',
        familyNames: 'Aydin',
        dateOfBirth: '1991-03-02',
        nationalities: ['TR'],
      },
    });
    expect(await candidates(officerB.token, again.personId)).toEqual([
      expect.objectContaining({ personId: first.personId, confidence: 'probable' }),
    ]);
  });

  it('a person seen only at centre A is not visible from centre B', async () => {
    const res = await t.http
      .get(`/api/v1/persons/${atA.personId}/match-candidates`)
      .set(bearer(officerB.token));
    expect(res.status).toBe(404);
    const history = await t.http
      .get(`/api/v1/persons/${atA.personId}/identity-history`)
      .set(bearer(officerB.token));
    expect(history.status).toBe(404);
  });

  it('a record the evidence does not link cannot be merged (nor decided on), and nothing is written', async () => {
    // An unrelated person at centre B: another name, birth date, nationality, document and photo.
    const stranger = await admit(t.http, officerB.token, centreB.id, {
      person: { givenNames: 'Wei', familyNames: 'Zhang', dateOfBirth: '1970-03-03', nationalities: ['CN'] },
    });
    await addDocument(t.http, officerB.token, stranger.id, { number: 'E99887766', issuingCountry: 'CN' });
    const mine = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Wilmer',
        familyNames: 'Zelaya Rivas',
        dateOfBirth: '1994-06-06',
        nationalities: ['HN'],
      },
    });
    expect(await candidates(officerA.token, mine.personId)).toEqual([]);
    const audited = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_events WHERE entity_type IN ('person_match_decision', 'person_merge')`,
        )
      )[0].n;
    const [auditBefore, aliasesBefore] = [await audited(), (await personOf(mine.personId)).aliases];
    for (const decision of ['confirmed', 'rejected']) {
      const res = await t.http
        .post(`/api/v1/persons/${mine.personId}/match-decisions`)
        .set(bearer(managerA.token))
        .send({ candidatePersonId: stranger.personId, decision, reason: 'looks the same' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'NOT_A_MATCH_CANDIDATE',
        details: [expect.objectContaining({ field: 'candidatePersonId' })],
      });
    }
    expect((await personOf(mine.personId)).aliases).toEqual(aliasesBefore);
    expect(await audited()).toBe(auditBefore);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM person_merges WHERE survivor_person_id = $1`, [
          mine.personId,
        ])
      )[0].n,
    ).toBe(0);
    // The stranger's passport does not verify the officer's person.
    const v = await verify(t.http, officerA.token, mine.id, {
      checkpoint: 'COUNT',
      methods: ['document'],
      presented: { documentNumber: 'E99887766' },
    });
    expect(v.body.result).not.toBe('MATCH');
  });

  let mergeId: string;
  let before: { a: unknown; b: unknown };

  it('confirming merges the records: evidence, verification and history span both', async () => {
    before = { a: await personOf(atA.personId), b: await personOf(atB.personId) };
    // An officer may find the candidate and reject it, not merge it: a merge is a manager's to confirm.
    const byOfficer = await t.http
      .post(`/api/v1/persons/${atB.personId}/match-decisions`)
      .set(bearer(officerB.token))
      .send({ candidatePersonId: atA.personId, decision: 'confirmed', reason: 'Same passport.' });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.code).toBe('MANAGER_AUTHORISATION_REQUIRED');
    expect(await personOf(atB.personId)).toEqual(before.b);
    const [denied] = await t.db.query(
      `SELECT outcome, actor_id FROM audit_events WHERE action = 'person.match.confirmed' AND entity_id = $1`,
      [atB.personId],
    );
    expect(denied).toEqual({ outcome: 'denied', actor_id: officerB.id });
    const res = await t.http
      .post(`/api/v1/persons/${atB.personId}/match-decisions`)
      .set(bearer(managerB.token))
      .send({
        candidatePersonId: atA.personId,
        decision: 'confirmed',
        reason: 'Same passport; face compared with the photo.',
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      decision: 'confirmed',
      merge: { survivorPersonId: atB.personId, mergedPersonId: atA.personId, unmergedAt: null },
    });
    mergeId = res.body.merge.id;
    expect((await personOf(atB.personId)).aliases).toEqual(['Dania Zelaya Cruz']);
    expect(await candidates(officerB.token, atB.personId)).not.toContainEqual(
      expect.objectContaining({ personId: atA.personId }),
    );

    // The passport captured at A now verifies the person at B.
    const v = await verify(t.http, officerB.token, atB.id, {
      checkpoint: 'COUNT',
      methods: ['document'],
      presented: { documentNumber: 'E-4455667' },
    });
    expect(v.body).toMatchObject({ result: 'MATCH', findings: { document: 'ON_RECORD' } });

    // The history: officer B sees B's entries and is told that others exist; an admin sees A's too.
    const mine = await t.http
      .get(`/api/v1/persons/${atB.personId}/identity-history`)
      .set(bearer(officerB.token));
    expect(mine.status).toBe(200);
    expect(mine.body.personIds.sort()).toEqual([atA.personId, atB.personId].sort());
    expect(mine.body.hiddenEntries).toBe(2); // A's passport and photo
    expect(mine.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'document',
      'merge',
      'verification',
    ]);
    expect(JSON.stringify(mine.body)).not.toMatch(/4455667/);
    const all = await t.http
      .get(`/api/v1/persons/${atB.personId}/identity-history`)
      .set(bearer(t.adminToken));
    expect(all.body.hiddenEntries).toBe(0);
    expect(all.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'document',
      'photo',
      'document',
      'merge',
      'verification',
    ]);

    const again = await t.http
      .post(`/api/v1/persons/${atB.personId}/match-decisions`)
      .set(bearer(managerB.token))
      .send({ candidatePersonId: atA.personId, decision: 'confirmed', reason: 'again' });
    expect(again.status).toBe(409);
  });

  it('unmerge restores both records as they were, is audited, and the pair is not proposed again', async () => {
    const denied = await t.http
      .post(`/api/v1/person-merges/${mergeId}/unmerge`)
      .set(bearer(officerB.token))
      .send({ reason: 'x' });
    expect(denied.status).toBe(403);
    const res = await t.http
      .post(`/api/v1/person-merges/${mergeId}/unmerge`)
      .set(bearer(managerB.token))
      .send({ reason: 'Twins: the passport belongs to the sister.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unmergedById: managerB.id, unmergedAt: expect.any(String) });
    expect({ a: await personOf(atA.personId), b: await personOf(atB.personId) }).toEqual(before);

    const history = await t.http
      .get(`/api/v1/persons/${atB.personId}/identity-history`)
      .set(bearer(t.adminToken));
    expect(history.body.personIds).toEqual([atB.personId]);
    const twice = await t.http
      .post(`/api/v1/person-merges/${mergeId}/unmerge`)
      .set(bearer(managerB.token))
      .send({ reason: 'again' });
    expect(twice.status).toBe(409);
    expect(await candidates(officerB.token, atB.personId)).toEqual([]);

    const audit = await t.db.query(
      `SELECT action, centre_id FROM audit_events WHERE entity_type IN ('person_merge', 'person_match_decision')
       ORDER BY occurred_at, seq, centre_id`,
    );
    // The rejection (of Ana López at A and Ana Lopes at B) and the merge of A's and B's records are in both
    // centres' chains: each answers for its own people.
    const actions = ['person.match.rejected', 'person.match.confirmed', 'person.merge', 'person.unmerge'];
    expect(audit.map((a: { action: string }) => a.action)).toEqual(actions.flatMap((a) => [a, a]));
    for (const action of actions)
      expect(
        audit
          .filter((a: { action: string }) => a.action === action)
          .map((a: { centre_id: string }) => a.centre_id)
          .sort(),
      ).toEqual([centreA.id, centreB.id].sort());
  });

  it("at TRANSFER_IN the earlier centre's evidence verifies the person; the band of an ended stay does not", async () => {
    const sending = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Brayan',
        familyNames: 'Castro',
        dateOfBirth: '2001-05-05',
        nationalities: ['HN'],
      },
    });
    const band = await issueWristband(t.http, officerA.token, sending.id);
    await addDocument(t.http, officerA.token, sending.id, { number: 'T7654321' });
    // Closed by hand, not by a transfer: the band of the stay that an accepted transfer moved is tested in
    // transfer.e2e-spec.ts.
    await t.db.query(`UPDATE stays SET status = 'TRANSFERRED', exited_at = now() WHERE id = $1`, [
      sending.id,
    ]);
    const { person: _person, ...input } = admissionInput({
      centreId: centreB.id,
      personId: sending.personId,
    });
    const admitted = await t.http.post('/api/v1/admissions').set(bearer(officerB.token)).send(input);
    expect(admitted.status).toBe(201);
    const receiving = admitted.body as AdmittedStay;
    const arrival = await verify(t.http, officerB.token, receiving.id, {
      checkpoint: 'TRANSFER_IN',
      methods: ['document'],
      presented: { documentNumber: 'T7654321' },
    });
    expect(arrival.body).toMatchObject({ result: 'MATCH', reasons: ['DOCUMENT_MATCH'] });
    const count = await verify(t.http, officerB.token, receiving.id, {
      checkpoint: 'COUNT',
      methods: ['wristband'],
      presented: { wristbandCode: band.qrPayload },
    });
    expect(count.body).toMatchObject({ result: 'MISMATCH', reasons: ['WRISTBAND_REVOKED'] });
  });

  it('refuses to merge two people who both have an ACTIVE stay, and bad decisions', async () => {
    const x = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Carlos',
        familyNames: 'Flores',
        dateOfBirth: '1980-01-01',
        nationalities: ['HN'],
      },
    });
    const y = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Carlos',
        familyNames: 'Flores',
        dateOfBirth: '1980-03-01',
        nationalities: ['HN'],
      },
    });
    const send = (body: Record<string, unknown>, person = x.personId) =>
      t.http.post(`/api/v1/persons/${person}/match-decisions`).set(bearer(managerB.token)).send(body);
    const both = await send({ candidatePersonId: y.personId, decision: 'confirmed', reason: 'same?' });
    expect(both.status).toBe(422);
    expect(both.body.code).toBe('BOTH_HAVE_ACTIVE_STAYS');
    expect(
      await t.db.query(`SELECT 1 FROM person_match_decisions WHERE person_low_id = ANY($1)`, [
        [x.personId, y.personId],
      ]),
    ).toEqual([]);
    expect((await send({ candidatePersonId: y.personId, decision: 'maybe', reason: 'x' })).status).toBe(400);
    expect((await send({ candidatePersonId: 'nope', decision: 'rejected', reason: 'x' })).status).toBe(400);
    expect((await send({ candidatePersonId: y.personId, decision: 'rejected' })).status).toBe(400);
    expect((await send({ candidatePersonId: x.personId, decision: 'rejected', reason: 'x' })).status).toBe(
      409,
    );
    expect(
      (
        await send({
          candidatePersonId: '00000000-0000-4000-8000-000000000000',
          decision: 'rejected',
          reason: 'x',
        })
      ).status,
    ).toBe(422);
    expect(
      (await t.http.get('/api/v1/persons/not-a-uuid/match-candidates').set(bearer(officerB.token))).status,
    ).toBe(400);
  });
});
