import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('answers what the promise answers in time', async () => {
    await expect(withTimeout(Promise.resolve('PONG'), 1_000)).resolves.toBe('PONG');
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  });

  it('rejects with the message once the time is up', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 10)).rejects.toThrow('no answer within 10 ms');
    await expect(withTimeout(never, 10, 'timeout')).rejects.toThrow(/^timeout$/);
  });
});
