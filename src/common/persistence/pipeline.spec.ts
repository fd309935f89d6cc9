import { together } from './pipeline';

const later = <T>(ms: number, settle: () => T): Promise<T> =>
  new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(settle());
      } catch (e) {
        reject(e);
      }
    }, ms),
  );

describe('together', () => {
  it('answers every result, in the order sent', async () => {
    await expect(together([later(10, () => 'a'), 'b', Promise.resolve(3)])).resolves.toEqual(['a', 'b', 3]);
  });

  it('fails with the first statement in order, even when a later one failed sooner', async () => {
    const cause = new Error('duplicate key value violates unique constraint');
    const aborted = new Error('current transaction is aborted');
    await expect(
      together([
        Promise.resolve('person'),
        later(20, () => {
          throw cause;
        }),
        Promise.reject(aborted),
      ]),
    ).rejects.toBe(cause);
  });
});
