import { countedMatches, gateSatisfied, RecordedCheck } from './identity-gate.rules';
import { Checkpoint, VerificationResult as R } from './verification-result';

const now = new Date('2026-01-01T12:00:00Z');
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
const check = (
  by: string,
  minutesAgo: number,
  result = R.Match,
  checkpoint = Checkpoint.Release,
): RecordedCheck => ({
  checkpoint,
  result,
  verifiedById: by,
  verifiedAt: at(minutesAgo),
});
const release = { checkpoint: Checkpoint.Release, officers: 2, windowMinutes: 60 };

describe('gateSatisfied', () => {
  it('release needs MATCHes by two different officers within the window', () => {
    expect(gateSatisfied([check('a', 5), check('b', 3)], release, now)).toBe(true);
    expect(gateSatisfied([check('a', 5), check('a', 3)], release, now)).toBe(false);
    expect(gateSatisfied([check('a', 90), check('b', 3)], release, now)).toBe(false);
    expect(gateSatisfied([check('a', 5), check('b', 3, R.Match, Checkpoint.Count)], release, now)).toBe(
      false,
    );
    expect(gateSatisfied([check('a', 5), check('b', 3, R.Inconclusive)], release, now)).toBe(false);
  });

  it('a MISMATCH voids the matches before it', () => {
    expect(gateSatisfied([check('a', 10), check('b', 9), check('c', 5, R.Mismatch)], release, now)).toBe(
      false,
    );
    expect(gateSatisfied([check('c', 10, R.Mismatch), check('a', 5), check('b', 4)], release, now)).toBe(
      true,
    );
  });

  it('transfer needs one MATCH at its own checkpoint', () => {
    const out = { checkpoint: Checkpoint.TransferOut, officers: 1, windowMinutes: 60 };
    expect(gateSatisfied([check('a', 5, R.Match, Checkpoint.TransferOut)], out, now)).toBe(true);
    expect(gateSatisfied([check('a', 5, R.Match, Checkpoint.Release)], out, now)).toBe(false);
  });
});

describe('countedMatches', () => {
  it('lists, oldest first, the MATCHes after the latest MISMATCH within the window at the checkpoint', () => {
    const checks = [
      check('x', 90), // outside the window
      check('a', 20),
      check('c', 15, R.Mismatch),
      check('b', 4),
      check('d', 2, R.Inconclusive),
      check('a', 8),
      check('e', 1, R.Match, Checkpoint.Count),
    ];
    const counted = countedMatches(checks, release, now);
    expect(counted.map((c) => [c.verifiedById, c.verifiedAt])).toEqual([
      ['a', at(8)],
      ['b', at(4)],
    ]);
  });

  it('leaves out checks after `now` (a release certificate looks back from the release time)', () => {
    expect(countedMatches([check('a', 5), check('b', -5)], release, now).map((c) => c.verifiedById)).toEqual([
      'a',
    ]);
  });
});
