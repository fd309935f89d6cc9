import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay, closeStayInDatabase } from '../factories/admissions';
import { addDocument } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A merge adds the merged record's names to the survivor's aliases; an unmerge takes back only what the merge
 * added and what is still its doing: not a name the survivor had before, not a name a correction entered again
 * after the merge, not a name another merge that still stands needs.
 */
describe('unmerge: the aliases it removes', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let officerB: TestUser;
  let managerB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreB.id]);
  });
  afterAll(() => t.close());

  const aliasesOf = async (personId: string): Promise<string[]> =>
    (await t.db.query(`SELECT aliases FROM persons WHERE id = $1`, [personId]))[0].aliases;

  /** An earlier record at centre A, released, with the passport the person shows again at B. */
  const earlierRecord = async (person: Record<string, unknown>, passport: string) => {
    const stay = await admit(t.http, officerA.token, centreA.id, { person });
    await addDocument(t.http, officerA.token, stay.id, { number: passport, issuingCountry: 'HN' });
    await closeStayInDatabase(t.db, stay.id);
    return stay;
  };
  /** The person held now at centre B, with the same passport. */
  const heldAtB = async (person: Record<string, unknown>, passport: string) => {
    const stay = await admit(t.http, officerB.token, centreB.id, { person });
    await addDocument(t.http, officerB.token, stay.id, { number: passport, issuingCountry: 'HN' });
    return stay;
  };
  const confirm = async (survivor: AdmittedStay, candidate: AdmittedStay): Promise<string> => {
    const res = await t.http
      .post(`/api/v1/persons/${survivor.personId}/match-decisions`)
      .set(bearer(managerB.token))
      .send({ candidatePersonId: candidate.personId, decision: 'confirmed', reason: 'Same passport.' });
    expect(res.status).toBe(201);
    return res.body.merge.id as string;
  };
  const unmerge = async (mergeId: string) => {
    const res = await t.http
      .post(`/api/v1/person-merges/${mergeId}/unmerge`)
      .set(bearer(managerB.token))
      .send({ reason: 'Twins: the passport belongs to the sister.' });
    expect(res.status).toBe(200);
  };
  /** PATCH /persons/:id by centre B, which holds the person: a correction of the aliases. */
  const correctAliases = async (personId: string, aliases: string[]) => {
    const [{ version }] = await t.db.query(`SELECT version FROM persons WHERE id = $1`, [personId]);
    const res = await t.http
      .patch(`/api/v1/persons/${personId}`)
      .set(bearer(officerB.token))
      .send({ aliases, version });
    expect(res.status).toBe(200);
    expect(res.body.person.aliases).toEqual(aliases);
  };

  it('keeps a name that a correction entered again after the merge', async () => {
    const earlier = await earlierRecord(
      {
        givenNames: 'Dania',
        familyNames: 'Zelaya Cruz',
        aliases: ['La Güera'],
        dateOfBirth: '1988-02-10',
        nationalities: ['HN'],
      },
      'E4455667',
    );
    const current = await heldAtB(
      {
        givenNames: 'Dania',
        familyNames: 'Zelaya',
        aliases: ['Chepa'],
        dateOfBirth: '1988-02-10',
        nationalities: ['HN'],
      },
      'E4455667',
    );
    const mergeId = await confirm(current, earlier);
    expect(await aliasesOf(current.personId)).toEqual(['Chepa', 'Dania Zelaya Cruz', 'La Güera']);

    // The officer does not recognise the names the merge brought and takes them out; later the woman says that
    // she is known as La Güera, and the officer enters it again.
    await correctAliases(current.personId, ['Chepa']);
    await correctAliases(current.personId, ['Chepa', 'La Güera']);

    await unmerge(mergeId);
    expect(await aliasesOf(current.personId)).toEqual(['Chepa', 'La Güera']);
    expect(await aliasesOf(earlier.personId)).toEqual(['La Güera']);
    const [audited] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'person.unmerge' AND entity_id = $1 AND centre_id = $2`,
      [mergeId, centreB.id],
    );
    expect(audited.details).toEqual({
      survivorPersonId: current.personId,
      mergedPersonId: earlier.personId,
      removedAliases: 0,
      keptForOtherMerges: 0,
    });
  });

  it('removes a name the merge added that a correction kept on the list, and keeps what the correction added', async () => {
    const earlier = await earlierRecord(
      {
        givenNames: 'Wilmer',
        familyNames: 'Rivas Orellana',
        dateOfBirth: '1990-09-09',
        nationalities: ['HN'],
      },
      'R1234001',
    );
    const current = await heldAtB(
      { givenNames: 'Wilmer', familyNames: 'Rivas', dateOfBirth: '1990-09-09', nationalities: ['HN'] },
      'R1234001',
    );
    const mergeId = await confirm(current, earlier);
    expect(await aliasesOf(current.personId)).toEqual(['Wilmer Rivas Orellana']);
    // A correction that sends the whole list with one more name: the merge's name stays the merge's doing.
    await correctAliases(current.personId, ['Wilmer Rivas Orellana', 'El Flaco']);
    await unmerge(mergeId);
    expect(await aliasesOf(current.personId)).toEqual(['El Flaco']);
  });

  it('keeps a name the survivor had before the merge', async () => {
    const earlier = await earlierRecord(
      {
        givenNames: 'Óscar',
        familyNames: 'Mejía Paz',
        aliases: ['El Chele'],
        dateOfBirth: '1985-01-01',
        nationalities: ['HN'],
      },
      'M7777001',
    );
    const current = await heldAtB(
      {
        givenNames: 'Óscar',
        familyNames: 'Mejía',
        aliases: ['El Chele'],
        dateOfBirth: '1985-01-01',
        nationalities: ['HN'],
      },
      'M7777001',
    );
    const mergeId = await confirm(current, earlier);
    expect(await aliasesOf(current.personId)).toEqual(['El Chele', 'Óscar Mejía Paz']);
    await unmerge(mergeId);
    expect(await aliasesOf(current.personId)).toEqual(['El Chele']);
  });

  it('keeps a name another merge that still stands needs, and that merge takes it back when undone', async () => {
    const person = {
      givenNames: 'Marvin',
      familyNames: 'Ochoa Ponce',
      dateOfBirth: '1992-12-12',
      nationalities: ['HN'],
    };
    const first = await earlierRecord(person, 'P5550001');
    const second = await earlierRecord(person, 'P5550001');
    const current = await heldAtB({ ...person, familyNames: 'Ochoa', aliases: ['Chino'] }, 'P5550001');
    const firstMerge = await confirm(current, first);
    // The second record has the same name: the first merge already put it on the survivor.
    const secondMerge = await confirm(current, second);
    expect(await aliasesOf(current.personId)).toEqual(['Chino', 'Marvin Ochoa Ponce']);

    await unmerge(firstMerge);
    // The second record, still merged, is found by its name.
    expect(await aliasesOf(current.personId)).toEqual(['Chino', 'Marvin Ochoa Ponce']);
    const [audited] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'person.unmerge' AND entity_id = $1 AND centre_id = $2`,
      [firstMerge, centreB.id],
    );
    expect(audited.details).toMatchObject({ removedAliases: 0, keptForOtherMerges: 1 });

    await unmerge(secondMerge);
    expect(await aliasesOf(current.personId)).toEqual(['Chino']);
  });

  it('does not keep a name for an earlier merge that gave it up to a correction', async () => {
    const person = {
      givenNames: 'Mario',
      familyNames: 'López Díaz',
      aliases: ['El Flaco'],
      dateOfBirth: '1991-04-04',
      nationalities: ['HN'],
    };
    const first = await earlierRecord(person, 'L6660001');
    const second = await earlierRecord(person, 'L6660001');
    const current = await heldAtB({ ...person, familyNames: 'López', aliases: [] }, 'L6660001');
    await confirm(current, first);
    // The officer takes the merge's nickname out; the second merge brings it back, as its own doing.
    await correctAliases(current.personId, ['Mario López Díaz']);
    const secondMerge = await confirm(current, second);
    expect(await aliasesOf(current.personId)).toEqual(['Mario López Díaz', 'El Flaco']);

    // Undoing the second merge takes it away again: the first merge gave it up and does not need it.
    await unmerge(secondMerge);
    expect(await aliasesOf(current.personId)).toEqual(['Mario López Díaz']);
  });

  it('an unmerge waiting for a correction of the same person does not deadlock with it', async () => {
    const earlier = await earlierRecord(
      { givenNames: 'Yesenia', familyNames: 'Reyes Paz', dateOfBirth: '1993-03-03', nationalities: ['HN'] },
      'Y3333001',
    );
    const current = await heldAtB(
      { givenNames: 'Yesenia', familyNames: 'Reyes', dateOfBirth: '1993-03-03', nationalities: ['HN'] },
      'Y3333001',
    );
    const mergeId = await confirm(current, earlier);
    // A correction holds the person row (as PATCH /persons/:id does while it writes); the unmerge begins
    // meanwhile and waits. The correction then takes the merge's name out of the aliases, which also updates
    // the merge: had the unmerge locked the merge first, each would wait for the other.
    const correction = t.db.createQueryRunner();
    await correction.connect();
    try {
      await correction.startTransaction();
      await correction.query(`SELECT 1 FROM persons WHERE id = $1 FOR UPDATE`, [current.personId]);
      const unmerging = t.http
        .post(`/api/v1/person-merges/${mergeId}/unmerge`)
        .set(bearer(managerB.token))
        .send({ reason: 'Not the same woman.' })
        .then((r) => r);
      const waiting = async () =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FOR UPDATE%'`,
          )
        )[0].n > 0;
      for (let i = 0; i < 100 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(true);
      await correction.query(
        `UPDATE persons SET aliases = '{"El Tigre"}', version = version + 1 WHERE id = $1`,
        [current.personId],
      );
      await correction.commitTransaction();
      expect((await unmerging).status).toBe(200);
    } finally {
      if (correction.isTransactionActive) await correction.rollbackTransaction();
      await correction.release();
    }
    expect(await aliasesOf(current.personId)).toEqual(['El Tigre']);
  });
});
