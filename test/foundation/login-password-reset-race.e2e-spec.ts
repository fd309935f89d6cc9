import { Role } from '../../src/auth/role.enum';
import { UsersService } from '../../src/users/users.service';
import { bearer, createUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A login that checked the old password while an administrator reset it. The token version used to be read
 * after the (slow, argon2) password check, in a separate query, so the token carried the version the reset had
 * just set and survived the reset meant to lock the old password's holder out.
 */
describe('A login racing a password reset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a token obtained with the old password stops working after the reset', async () => {
    const victim = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], []);
    const users = t.app.get(UsersService);
    const real = users.checkCredentials.bind(users);
    let checked!: () => void;
    const passwordChecked = new Promise<void>((r) => (checked = r));
    let proceed!: () => void;
    const resetDone = new Promise<void>((r) => (proceed = r));
    // Only widens the window between "the old password matched" and "the token version is read" (argon2 takes
    // tens of milliseconds, the reset one round trip): the same interleaving happens without it, just rarely.
    jest.spyOn(users, 'checkCredentials').mockImplementationOnce(async (email, password) => {
      const actor = await real(email, password);
      checked();
      await resetDone;
      return actor;
    });

    const login = t.http
      .post('/api/v1/auth/login')
      .send({ email: victim.email, password: victim.password })
      .then((r) => r);
    await passwordChecked;
    const reset = await t.http
      .post(`/api/v1/users/${victim.id}/reset-password`)
      .set(bearer(t.adminToken))
      .send({});
    expect(reset.status).toBe(200);
    proceed();
    const res = await login;
    // The password matched when it was checked: the login succeeds, but its token does not outlive the reset.
    expect(res.status).toBe(200);
    const me = await t.http.get('/api/v1/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(401);
  });
});
