import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { Role } from '../../src/auth/role.enum';

const unique = () => randomBytes(4).toString('hex');
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function centreInput(overrides: Record<string, unknown> = {}) {
  return {
    code: `C-${unique().toUpperCase()}`,
    name: 'Centro de prueba',
    country: 'MX',
    regime: 'shelter',
    capacity: 50,
    address: 'Calle 1, Tapachula',
    timeZone: 'America/Mexico_City',
    ...overrides,
  };
}

export async function createCentre(
  http: TestAgent,
  adminToken: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await http.post('/api/v1/centres').set(bearer(adminToken)).send(centreInput(overrides));
  if (res.status !== 201) throw new Error(`createCentre: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; version: number; [k: string]: unknown };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** Creates a user through the API and logs them in. */
export async function createUser(
  http: TestAgent,
  adminToken: string,
  roles: Role[],
  centreIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<TestUser> {
  const email = `user-${unique()}@example.org`;
  const password = `pw-${unique()}-${unique()}`;
  const res = await http
    .post('/api/v1/users')
    .set(bearer(adminToken))
    .send({ email, displayName: `Test ${roles.join('+')}`, password, roles, centreIds, ...overrides });
  if (res.status !== 201) throw new Error(`createUser: ${res.status} ${JSON.stringify(res.body)}`);
  const login = await http.post('/api/v1/auth/login').send({ email, password });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  return { id: res.body.id, email, password, token: login.body.accessToken };
}
