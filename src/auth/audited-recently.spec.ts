import { AuditedRecently } from './audited-recently';

describe('AuditedRecently', () => {
  it('claims a key once until its time has passed', () => {
    const audited = new AuditedRecently();
    expect(audited.claim('a', 1_000, 0)).toBe(true);
    expect(audited.claim('a', 2_000, 999)).toBe(false);
    expect(audited.claim('b', 1_000, 999)).toBe(true);
    expect(audited.claim('a', 2_000, 1_000)).toBe(true);
  });

  it('forgets everything past its bound, so that at worst a refusal is audited once more', () => {
    const audited = new AuditedRecently(2);
    audited.claim('a', 1_000, 0);
    audited.claim('b', 1_000, 0);
    expect(audited.claim('c', 1_000, 0)).toBe(true);
    expect(audited.claim('a', 1_000, 0)).toBe(true);
  });
});
