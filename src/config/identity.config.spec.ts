import { identityConfig } from './identity.config';
import { ConfigurationError } from './validate-env';

describe('identity configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('works on a laptop with defaults', () => {
    delete process.env.IDENTITY_SIGNING_SECRET;
    process.env.NODE_ENV = 'development';
    expect(identityConfig()).toMatchObject({ releaseWindowMinutes: 60, photoMaxBytes: 5 * 1024 * 1024 });
  });

  it('refuses to start in production without a strong signing secret', () => {
    process.env.NODE_ENV = 'production';
    delete process.env.IDENTITY_SIGNING_SECRET;
    expect(() => identityConfig()).toThrow(ConfigurationError);
    process.env.IDENTITY_SIGNING_SECRET = 'short';
    expect(() => identityConfig()).toThrow(/at least 32 characters/);
    process.env.IDENTITY_SIGNING_SECRET = 'x'.repeat(40);
    expect(identityConfig().signingSecret).toBe('x'.repeat(40));
  });

  it('refuses a release window out of range', () => {
    process.env.IDENTITY_RELEASE_WINDOW_MINUTES = '0';
    expect(() => identityConfig()).toThrow(/IDENTITY_RELEASE_WINDOW_MINUTES/);
  });
});
