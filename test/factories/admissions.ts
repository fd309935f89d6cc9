import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { bearer } from './index';

// Synthetic names from /work/shared/data/names.json (HN, GT, SV...).
const GIVEN = [
  'José Luis',
  'María José',
  'Ana María',
  'Carlos',
  'Dania',
  'Wilmer',
  'Yesenia',
  'Maribel',
  'Óscar',
];
const FAMILY = ['López', 'Hernández', 'Martínez', 'Mejía', 'Zelaya', 'García', 'Pérez', 'Alvarado', 'Rivas'];
const pick = <T>(xs: T[]): T => xs[randomBytes(1)[0] % xs.length];

/**
 * A valid admission body. `overrides` replaces top-level fields (give `centreId`); `overrides.person` and
 * `overrides.arrival` merge into the defaults.
 */
export function admissionInput(overrides: Record<string, unknown> = {}) {
  const { person, arrival, ...rest } = overrides as {
    person?: Record<string, unknown>;
    arrival?: Record<string, unknown>;
  };
  return {
    person: {
      givenNames: pick(GIVEN),
      familyNames: `${pick(FAMILY)} ${pick(FAMILY)}`,
      sex: 'F',
      dateOfBirth: '1994-03-02',
      nationalities: ['HN'],
      preferredLanguage: 'es',
      ...person,
    },
    arrival: {
      at: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
      place: 'Puesto fronterizo El Amatillo',
      broughtBy: 'Policía Nacional',
      ...arrival,
    },
    legalBasis: 'Ley de Migración, art. 99',
    accommodationUnit: 'B-12',
    ...rest,
  };
}

export interface AdmittedStay {
  id: string;
  personId: string;
  centreId: string;
  groupId: string;
  status: string;
  version: number;
  [k: string]: unknown;
}

/** Admits a person through the API; fails loudly if the admission is refused. */
export async function admit(
  http: TestAgent,
  token: string,
  centreId: string,
  overrides: Record<string, unknown> = {},
): Promise<AdmittedStay> {
  const res = await http
    .post('/api/v1/admissions')
    .set(bearer(token))
    .send(admissionInput({ centreId, ...overrides }));
  if (res.status !== 201) throw new Error(`admit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AdmittedStay;
}

/** A date of birth (YYYY-MM-DD) making the person `age` years old today, a few days past their birthday. */
export function dateOfBirthForAge(age: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - 10);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  return d.toISOString().slice(0, 10);
}

/** A reception screening with nothing found (no vulnerability, risk, asylum intent or trafficking indicator). */
export const NOTHING_FOUND = {
  vulnerabilities: [],
  riskIndicators: [],
  asylumIntent: false,
  traffickingIndicators: [],
};

/** POST /stays/:id/screening: nothing found, unless `extra` says otherwise. */
export const screen = (http: TestAgent, token: string, stayId: string, extra: Record<string, unknown> = {}) =>
  http
    .post(`/api/v1/stays/${stayId}/screening`)
    .set(bearer(token))
    .send({ ...NOTHING_FOUND, ...extra });

/**
 * Ends a stay in the database (RELEASED now), for tests that need a person known from an earlier stay and not
 * the release itself, with its gates.
 */
export const closeStayInDatabase = (
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  stayId: string,
) => db.query(`UPDATE stays SET status = 'RELEASED', exited_at = now() WHERE id = $1`, [stayId]);
