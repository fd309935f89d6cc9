import { createHash } from 'node:crypto';
import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay } from '../factories/admissions';
import { tinyJpeg, tinyPng } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const PHOTO_LIMIT = 4096;

describe('identity evidence: documents, photos, biometric references, marks', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: TestUser;
  let outsider: TestUser;
  let stay: AdmittedStay;

  beforeAll(async () => {
    t = await createTestApp({ IDENTITY_PHOTO_MAX_BYTES: String(PHOTO_LIMIT) });
    centre = await createCentre(t.http, t.adminToken);
    const other = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    outsider = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [other.id]);
    stay = await admit(t.http, officer.token, centre.id);
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const auditOf = (id: string) =>
    t.db.query(
      `SELECT action, actor_id, centre_id, details FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [id],
    );

  describe('documents', () => {
    it('stores the number normalised, shows it masked, and never audits it', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-documents`)
        .set(bearer(officer.token))
        .send({
          type: 'passport',
          number: 'hn 4455-6677',
          issuingCountry: 'hn',
          expiresOn: '2031-01-31',
          checkMethod: 'security_features',
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        type: 'passport',
        numberMasked: '••••••6677',
        issuingCountry: 'HN',
        expiresOn: '2031-01-31',
        checkMethod: 'security_features',
        verifiedById: officer.id,
        personId: stay.personId,
      });
      // Ids are random hex and may contain these digits by chance: look at everything but the ids.
      const withoutIds = (v: unknown) => JSON.stringify(v).replace(UUIDS, '<id>');
      expect(withoutIds(res.body)).not.toMatch(/4455/);
      const [row] = await t.db.query(`SELECT number_normalised FROM identity_documents WHERE id = $1`, [
        res.body.id,
      ]);
      expect(row.number_normalised).toBe('HN44556677');
      const audit = await auditOf(res.body.id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'identity.document.create',
          actor_id: officer.id,
          centre_id: centre.id,
        }),
      ]);
      expect(withoutIds(audit)).not.toMatch(/4455|6677/);
    });

    it('records that the person had no document', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-documents`)
        .set(bearer(officer.token))
        .send({ type: 'none' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ type: 'none', numberMasked: null, verifiedById: null });
    });

    it.each([
      ['a passport without number', { type: 'passport', issuingCountry: 'HN' }],
      ['a passport without country', { type: 'passport', number: 'A1' }],
      ['an unknown type', { type: 'library_card', number: 'A1', issuingCountry: 'HN' }],
      ['a bad country', { type: 'passport', number: 'A1', issuingCountry: 'XX' }],
      ['a number with odd characters', { type: 'passport', number: 'A1<script>', issuingCountry: 'HN' }],
      ['a number too long', { type: 'passport', number: 'A'.repeat(61), issuingCountry: 'HN' }],
      [
        'an impossible expiry date',
        { type: 'passport', number: 'A1', issuingCountry: 'HN', expiresOn: '2030-02-31' },
      ],
      ['an unknown field', { type: 'none', verifiedById: '00000000-0000-0000-0000-000000000000' }],
      ['a null check method', { type: 'passport', number: 'A1', issuingCountry: 'HN', checkMethod: null }],
    ])('refuses %s with 400 and writes nothing', async (_n, body) => {
      const before = await count('identity_documents');
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-documents`)
        .set(bearer(officer.token))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.details.length).toBeGreaterThan(0);
      expect(await count('identity_documents')).toBe(before);
    });

    it('answers 404 for a stay of another centre', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-documents`)
        .set(bearer(outsider.token))
        .send({ type: 'none' });
      expect(res.status).toBe(404);
    });
  });

  describe('photos', () => {
    let photoId: string;
    const png = tinyPng({ text: 'Author\0Officer Name GPS 14.9N', trailer: 'hidden' });

    it('accepts a PNG by its bytes, strips metadata and stores the SHA-256 of what it keeps', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officer.token))
        .attach('photo', png, { filename: 'face.txt', contentType: 'text/plain' });
      expect(res.status).toBe(201);
      const stripped = tinyPng();
      expect(res.body).toMatchObject({
        contentType: 'image/png',
        sizeBytes: stripped.length,
        sha256: createHash('sha256').update(stripped).digest('hex'),
      });
      expect(res.body.data).toBeUndefined();
      photoId = res.body.id;
      expect(await auditOf(photoId)).toEqual([expect.objectContaining({ action: 'identity.photo.create' })]);
    });

    it('uploading the same image again returns the same record', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officer.token))
        .attach('photo', png, 'face.png');
      expect(res.status).toBe(201);
      expect(res.body.id).toBe(photoId);
    });

    it('serves the stripped bytes to staff of the centre and audits every read', async () => {
      for (let i = 0; i < 2; i++) {
        const res = await t.http
          .get(`/api/v1/identity-photos/${photoId}`)
          .set(bearer(officer.token))
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.headers['cache-control']).toBe('no-store');
        expect((res.body as Buffer).equals(tinyPng())).toBe(true);
        expect((res.body as Buffer).includes(Buffer.from('Officer Name'))).toBe(false);
      }
      const reads = (await auditOf(photoId)).filter(
        (a: { action: string }) => a.action === 'identity.photo.read',
      );
      expect(reads).toHaveLength(2);
      expect(reads[0]).toMatchObject({ actor_id: officer.id, centre_id: centre.id });
    });

    it('is not served outside the centre, to auditors, or to an admin not assigned to the centre', async () => {
      const reads = async () =>
        (await auditOf(photoId)).filter((a: { action: string }) => a.action === 'identity.photo.read').length;
      const before = await reads();
      expect(
        (await t.http.get(`/api/v1/identity-photos/${photoId}`).set(bearer(outsider.token))).status,
      ).toBe(404);
      expect((await t.http.get(`/api/v1/identity-photos/${photoId}`).set(bearer(t.adminToken))).status).toBe(
        404,
      );
      const auditor = await createUser(t.http, t.adminToken, [Role.Auditor], [centre.id]);
      expect((await t.http.get(`/api/v1/identity-photos/${photoId}`).set(bearer(auditor.token))).status).toBe(
        403,
      );
      expect(await reads()).toBe(before); // refused reads read nothing
    });

    it('strips EXIF from a JPEG, and the second JPEG (MPF) a phone appends after the end of the image', async () => {
      const plain = tinyJpeg();
      const app1 = (text: string) => {
        const payload = Buffer.from(text);
        return Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, payload.length + 2]), payload]);
      };
      const mpf = Buffer.concat([
        Buffer.from([0xff, 0xd8]),
        app1('Exif\0\0GPSLatitude=14.9N'),
        Buffer.from([0xff, 0xd9]),
      ]);
      const jpeg = Buffer.concat([plain.subarray(0, 2), app1('Exif\0\0GPS-14.9N'), plain.subarray(2), mpf]);
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officer.token))
        .attach('photo', jpeg, 'face.jpg');
      expect(res.status).toBe(201);
      expect(res.body.contentType).toBe('image/jpeg');
      const [row] = await t.db.query(`SELECT data FROM identity_photos WHERE id = $1`, [res.body.id]);
      const served = await t.http
        .get(`/api/v1/identity-photos/${res.body.id}`)
        .set(bearer(officer.token))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(served.status).toBe(200);
      for (const bytes of [row.data as Buffer, served.body as Buffer]) {
        expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
        expect(bytes.includes(Buffer.from('GPSLat'))).toBe(false);
        expect(bytes.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
      }
    });

    it.each([
      ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 422],
      ['an SVG named .png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 422],
      ['a truncated PNG', tinyPng().subarray(0, 40), 422],
      ['a JPEG whose scan never ends', tinyJpeg().subarray(0, tinyJpeg().length - 2), 422],
      ['a file over the limit', Buffer.concat([tinyPng(), Buffer.alloc(PHOTO_LIMIT)]), 413],
    ])('refuses %s and writes nothing', async (_n, buf, status) => {
      const before = await count('identity_photos');
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officer.token))
        .attach('photo', buf, 'face.png');
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, requestId: expect.any(String) });
      expect(await count('identity_photos')).toBe(before);
    });

    it('refuses a request without the photo field', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officer.token))
        .field('note', 'x');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const none = await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officer.token))
        .send({});
      expect(none.status).toBe(422);
    });
  });

  describe('biometric references and distinguishing marks', () => {
    it('records a template reference once per person and system', async () => {
      const body = { system: 'AFIS-HN', templateId: 'TPL-0001', quality: 87 };
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/biometric-references`)
        .set(bearer(officer.token))
        .send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...body, personId: stay.personId });
      expect(await auditOf(res.body.id)).toEqual([
        expect.objectContaining({ action: 'identity.biometric_reference.create' }),
      ]);
      const dup = await t.http
        .post(`/api/v1/stays/${stay.id}/biometric-references`)
        .set(bearer(officer.token))
        .send(body);
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('BIOMETRIC_REFERENCE_EXISTS');
      for (const bad of [
        { ...body, quality: 101 },
        { ...body, templateId: '' },
        { ...body, fingerprint: 'base64...' },
      ]) {
        expect(
          (
            await t.http
              .post(`/api/v1/stays/${stay.id}/biometric-references`)
              .set(bearer(officer.token))
              .send(bad)
          ).status,
        ).toBe(400);
      }
    });

    it('records a distinguishing mark', async () => {
      const res = await t.http
        .post(`/api/v1/stays/${stay.id}/distinguishing-marks`)
        .set(bearer(officer.token))
        .send({ bodyLocation: 'left forearm', description: 'tattoo of a rose' });
      expect(res.status).toBe(201);
      expect(await auditOf(res.body.id)).toEqual([
        expect.objectContaining({ action: 'identity.distinguishing_mark.create' }),
      ]);
      const bad = await t.http
        .post(`/api/v1/stays/${stay.id}/distinguishing-marks`)
        .set(bearer(officer.token))
        .send({ bodyLocation: '', description: 'x'.repeat(501) });
      expect(bad.status).toBe(400);
    });

    it('lists all evidence of the stay, without image bytes or full numbers', async () => {
      const res = await t.http.get(`/api/v1/stays/${stay.id}/identity-evidence`).set(bearer(officer.token));
      expect(res.status).toBe(200);
      expect(res.body.documents).toHaveLength(2);
      expect(res.body.photos).toHaveLength(2);
      expect(res.body.biometricReferences).toHaveLength(1);
      expect(res.body.distinguishingMarks).toHaveLength(1);
      expect(JSON.stringify(res.body)).not.toMatch(/HN44556677|"data"/);
      expect(
        (await t.http.get(`/api/v1/stays/${stay.id}/identity-evidence`).set(bearer(outsider.token))).status,
      ).toBe(404);
    });

    const reads = (action: string, id: string) =>
      t.db.query(
        `SELECT actor_id, actor_role, centre_id, entity_type, details FROM audit_events
          WHERE action = $1 AND entity_id = $2 ORDER BY occurred_at, seq`,
        [action, id],
      );
    // What the reads show and the audit entries must not repeat: template id, mark description and location,
    // document number (whole or in part), photo hash.
    const confidential = /TPL-0001|rose|forearm|4455|6677|AFIS|[0-9a-f]{64}/;

    it('audits every read of the evidence, with ids only; a refused read writes nothing', async () => {
      const before = (await reads('identity.evidence.read', stay.id)).length;
      const res = await t.http.get(`/api/v1/stays/${stay.id}/identity-evidence`).set(bearer(officer.token));
      expect(res.status).toBe(200);
      const entries = await reads('identity.evidence.read', stay.id);
      expect(entries).toHaveLength(before + 1);
      expect(entries.at(-1)).toEqual({
        actor_id: officer.id,
        actor_role: 'intake_officer',
        centre_id: centre.id,
        entity_type: 'stay',
        details: {
          stayId: stay.id,
          personId: stay.personId,
          personIds: [stay.personId],
          documentIds: res.body.documents.map((d: { id: string }) => d.id),
          photoIds: res.body.photos.map((p: { id: string }) => p.id),
          biometricReferenceIds: [res.body.biometricReferences[0].id],
          distinguishingMarkIds: [res.body.distinguishingMarks[0].id],
        },
      });
      expect(JSON.stringify(entries.at(-1).details).replace(UUIDS, '<id>')).not.toMatch(confidential);
      expect(
        (await t.http.get(`/api/v1/stays/${stay.id}/identity-evidence`).set(bearer(outsider.token))).status,
      ).toBe(404);
      expect(await reads('identity.evidence.read', stay.id)).toHaveLength(before + 1);
    });

    it('audits every read of the identity history in the caller’s centres, with ids and counts only', async () => {
      const res = await t.http
        .get(`/api/v1/persons/${stay.personId}/identity-history`)
        .set(bearer(officer.token));
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeGreaterThan(0);
      const entries = await reads('identity.history.read', stay.personId);
      expect(entries).toEqual([
        {
          actor_id: officer.id,
          actor_role: 'intake_officer',
          centre_id: centre.id,
          entity_type: 'person',
          details: {
            personIds: [stay.personId],
            entries: res.body.entries.length,
            hiddenEntries: 0,
          },
        },
      ]);
      expect(JSON.stringify(entries).replace(UUIDS, '<id>')).not.toMatch(confidential);
      // A person the caller may not see: 404, nothing audited.
      const refused = await t.http
        .get(`/api/v1/persons/${stay.personId}/identity-history`)
        .set(bearer(outsider.token));
      expect(refused.status).toBe(404);
      expect(await reads('identity.history.read', stay.personId)).toHaveLength(1);
      // An administrator sees every person; the read is audited all the same (in the admin's own centres).
      const admin = await t.http
        .get(`/api/v1/persons/${stay.personId}/identity-history`)
        .set(bearer(t.adminToken));
      expect(admin.status).toBe(200);
      const after = await reads('identity.history.read', stay.personId);
      expect(after).toHaveLength(2);
      expect(after[1]).toMatchObject({ actor_role: 'admin', details: { personIds: [stay.personId] } });
    });
  });

  it('OpenAPI documents every identity route', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/stays/{id}/identity-documents',
      '/api/v1/stays/{id}/identity-photos',
      '/api/v1/identity-photos/{id}',
      '/api/v1/stays/{id}/biometric-references',
      '/api/v1/stays/{id}/distinguishing-marks',
      '/api/v1/stays/{id}/identity-evidence',
      '/api/v1/stays/{id}/wristbands',
      '/api/v1/wristbands/check',
      '/api/v1/stays/{id}/identity-verifications',
      '/api/v1/centres/{id}/identity-alerts',
      '/api/v1/identity-alerts/{id}/acknowledge',
      '/api/v1/persons/{id}/match-candidates',
      '/api/v1/persons/{id}/match-decisions',
      '/api/v1/persons/{id}/merges',
      '/api/v1/person-merges/{id}/unmerge',
      '/api/v1/persons/{id}/identity-history',
    ]) {
      expect(paths).toContain(p);
    }
    expect(Object.keys(res.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'CreateIdentityVerificationDto',
        'IdentityVerificationResponseDto',
        'WristbandResponseDto',
      ]),
    );
  });
});
