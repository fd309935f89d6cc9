import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admissionInput, admit, closeStayInDatabase } from '../factories/admissions';
import { addDocument, verifyIdentityForExit } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

/** One human being, one ACTIVE stay: also across person records merged as one (migration OneActiveStayPerIdentityGroup). */
describe('records merged as one person are held in one place at a time', () => {
  let t: TestApp;
  let centreA: { id: string; code: string };
  let centreB: { id: string; code: string };
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

  const closeStay = (id: string) => closeStayInDatabase(t.db, id);
  const admitRecord = (token: string, centreId: string, personId: string) => {
    const { person: _, ...body } = admissionInput({ centreId, personId });
    return t.http.post('/api/v1/admissions').set(bearer(token)).send(body);
  };
  const activeStays = async (personIds: string[]) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM stays WHERE person_id = ANY($1) AND status = 'ACTIVE'`,
        [personIds],
      )
    )[0].n as number;

  /** Record `earlier` (its stay at A closed) merged into `later`, ACTIVE at B: the same passport at both. */
  async function mergedPair(passport: string) {
    const earlier = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Keyla', familyNames: 'Maradiaga', dateOfBirth: '1993-05-05' },
    });
    await addDocument(t.http, officerA.token, earlier.id, { number: passport, issuingCountry: 'HN' });
    await closeStay(earlier.id);
    const later = await admit(t.http, officerB.token, centreB.id, {
      person: { givenNames: 'Kayla', familyNames: 'Maradiaga', dateOfBirth: '1993-05-05' },
    });
    await addDocument(t.http, officerB.token, later.id, { number: passport, issuingCountry: 'HN' });
    const merged = await t.http
      .post(`/api/v1/persons/${later.personId}/match-decisions`)
      .set(bearer(managerB.token))
      .send({ candidatePersonId: earlier.personId, decision: 'confirmed', reason: 'Same passport' });
    expect(merged.status).toBe(201);
    return { earlier, later };
  }

  it('a merged record is not admitted while another record of the person is ACTIVE, either way round', async () => {
    const { earlier, later } = await mergedPair('F 100-2001');
    const stays = await t.db.query(`SELECT count(*)::int AS n FROM stays`);

    const again = await admitRecord(officerA.token, centreA.id, earlier.personId);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'PERSON_ALREADY_ADMITTED' });
    expect(again.body.message).toContain(centreB.code);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM stays`)).toEqual(stays);

    // The other way round: the merged record held at A, the record it was merged into admitted at B.
    await closeStay(later.id);
    expect((await admitRecord(officerA.token, centreA.id, earlier.personId)).status).toBe(201);
    const survivor = await admitRecord(officerB.token, centreB.id, later.personId);
    expect(survivor.status).toBe(409);
    expect(survivor.body.message).toContain(centreA.code);
    expect(await activeStays([earlier.personId, later.personId])).toBe(1);
  });

  it('two records of one person admitted at the same moment: one stay opens, the other answers 409', async () => {
    const { earlier, later } = await mergedPair('F 100-2002');
    await closeStay(later.id);
    const answers = await Promise.all([
      admitRecord(officerA.token, centreA.id, earlier.personId),
      admitRecord(officerB.token, centreB.id, later.personId),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await activeStays([earlier.personId, later.personId])).toBe(1);
  });

  it("a child's claim made under a merged record carries over to the person's next admission", async () => {
    const { earlier, later } = await mergedPair('F 100-2004');
    await closeStay(later.id);
    // Held last under the merged record, claiming to be a child; released.
    const { person: _, ...body } = admissionInput({
      centreId: centreA.id,
      personId: earlier.personId,
      claimedChild: true,
    });
    const claimed = await t.http.post('/api/v1/admissions').set(bearer(officerA.token)).send(body);
    expect(claimed.status).toBe(201);
    await closeStay(claimed.body.id);
    const again = await admitRecord(officerB.token, centreB.id, later.personId);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ claimedChild: true });
  });

  it('a transfer of a person already held elsewhere under a merged record (old data) answers 409, naming the centre', async () => {
    const { earlier, later } = await mergedPair('F 100-2005');
    // Two ACTIVE stays in one group, as the old bug could leave them: written past the trigger.
    const raw = t.db.createQueryRunner();
    await raw.connect();
    try {
      await raw.query(`SET session_replication_role = replica`);
      await raw.query(
        `UPDATE stays SET status = 'ACTIVE', exited_at = NULL, exit_recorded_at = NULL WHERE id = $1`,
        [earlier.id],
      );
    } finally {
      await raw.query(`SET session_replication_role = DEFAULT`);
      await raw.release();
    }
    const centreC = await createCentre(t.http, t.adminToken);
    const officerC = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreC.id]);
    const band = await verifyIdentityForExit(t.http, [officerB.token], later.id, 'TRANSFER_OUT');
    const requested = await t.http
      .post(`/api/v1/stays/${later.id}/transfer`)
      .set(bearer(managerB.token))
      .send({ toCentreId: centreC.id, legalBasis: 'Oficio INM/2026/1187' });
    expect(requested.status).toBe(201);
    await verifyIdentityForExit(t.http, [officerC.token], later.id, 'TRANSFER_IN', band);
    const accepted = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerC.token))
      .send({ version: requested.body.version });
    expect(accepted.status).toBe(409);
    expect(accepted.body).toMatchObject({ code: 'PERSON_ALREADY_ADMITTED' });
    expect(accepted.body.message).toContain(centreA.code);
    expect(await activeStays([earlier.personId, later.personId])).toBe(2);
  });

  it('an unmerged record is a person of its own again', async () => {
    const { earlier, later } = await mergedPair('F 100-2003');
    const [merge] = await t.db.query(`SELECT id FROM person_merges WHERE merged_person_id = $1`, [
      earlier.personId,
    ]);
    const unmerged = await t.http
      .post(`/api/v1/person-merges/${merge.id}/unmerge`)
      .set(bearer(managerB.token))
      .send({ reason: "Two sisters; the passport was the elder one's" });
    expect(unmerged.status).toBe(200);
    expect((await admitRecord(officerA.token, centreA.id, earlier.personId)).status).toBe(201);
    expect(await activeStays([earlier.personId, later.personId])).toBe(2);
  });
});
