import {
  Checkpoint,
  compareDateOfBirth,
  decideVerification,
  VerificationFacts,
  VerificationMethod as M,
  VerificationResult as R,
} from './verification-result';

const facts = (over: Partial<VerificationFacts> = {}): VerificationFacts => ({
  checkpoint: Checkpoint.Release,
  methods: [M.Wristband],
  wristband: 'NOT_PRESENTED',
  document: 'NOT_PRESENTED',
  dateOfBirth: 'NOT_PRESENTED',
  fingerprintScore: null,
  hasBiometricReference: false,
  ...over,
});

describe('decideVerification', () => {
  it('matches on the stay’s own wristband', () => {
    expect(decideVerification(facts({ wristband: 'THIS_STAY' }))).toEqual({
      result: R.Match,
      reasons: ['WRISTBAND_MATCH'],
    });
  });

  it.each(['OTHER_STAY', 'REVOKED', 'UNKNOWN'] as const)(
    'a %s wristband is a MISMATCH even when the officer claims MATCH',
    (wristband) => {
      const d = decideVerification(facts({ wristband, officerAssessment: R.Match }));
      expect(d.result).toBe(R.Mismatch);
    },
  );

  it('a typed code of the stay’s own band (no signature) proves nothing by itself', () => {
    expect(decideVerification(facts({ wristband: 'UNSIGNED', officerAssessment: R.Match })).result).toBe(
      R.Inconclusive,
    );
  });

  it('a document number not on record is a MISMATCH whatever else agrees', () => {
    const d = decideVerification(
      facts({ wristband: 'THIS_STAY', document: 'NOT_ON_RECORD', officerAssessment: R.Match }),
    );
    expect(d.result).toBe(R.Mismatch);
    expect(d.reasons).toContain('DOCUMENT_NOT_ON_RECORD');
  });

  it('a wrong date of birth is a MISMATCH', () => {
    const d = decideVerification(facts({ document: 'ON_RECORD', dateOfBirth: 'DIFFERENT' }));
    expect(d.result).toBe(R.Mismatch);
    expect(d.reasons).toEqual(['DOCUMENT_MATCH', 'DATE_OF_BIRTH_MISMATCH']);
  });

  it('the officer’s photo judgement alone never makes a MATCH', () => {
    const d = decideVerification(facts({ methods: [M.Photo], officerAssessment: R.Match }));
    expect(d).toEqual({ result: R.Inconclusive, reasons: ['NO_CHECKABLE_EVIDENCE'] });
  });

  it('the officer’s judgement can lower a MATCH to INCONCLUSIVE or MISMATCH', () => {
    expect(
      decideVerification(facts({ wristband: 'THIS_STAY', officerAssessment: R.Inconclusive })).result,
    ).toBe(R.Inconclusive);
    const d = decideVerification(facts({ wristband: 'THIS_STAY', officerAssessment: R.Mismatch }));
    expect(d.result).toBe(R.Mismatch);
    expect(d.reasons).toContain('OFFICER_MISMATCH');
  });

  it('the officer cannot raise an INCONCLUSIVE result', () => {
    expect(decideVerification(facts({ document: 'NONE_ON_RECORD', officerAssessment: R.Match })).result).toBe(
      R.Inconclusive,
    );
  });

  it('the sending centre’s wristband counts only at TRANSFER_IN', () => {
    expect(
      decideVerification(facts({ checkpoint: Checkpoint.TransferIn, wristband: 'SENDING_STAY' })).result,
    ).toBe(R.Match);
    expect(
      decideVerification(facts({ checkpoint: Checkpoint.Release, wristband: 'SENDING_STAY' })).result,
    ).toBe(R.Mismatch);
  });

  it('fingerprint scores: high matches, low mismatches, middle or without reference is inconclusive', () => {
    const fp = (score: number, ref = true) =>
      decideVerification(facts({ fingerprintScore: score, hasBiometricReference: ref })).result;
    expect(fp(95)).toBe(R.Match);
    expect(fp(10)).toBe(R.Mismatch);
    expect(fp(60)).toBe(R.Inconclusive);
    expect(fp(95, false)).toBe(R.Inconclusive);
  });
});

describe('compareDateOfBirth', () => {
  it('compares exactly, or by year when the date on record is approximate', () => {
    expect(compareDateOfBirth(undefined, '1990-01-01', false)).toBe('NOT_PRESENTED');
    expect(compareDateOfBirth('1990-01-01', null, false)).toBe('NONE_ON_RECORD');
    expect(compareDateOfBirth('1990-01-01', '1990-01-01', false)).toBe('SAME');
    expect(compareDateOfBirth('1990-01-02', '1990-01-01', false)).toBe('DIFFERENT');
    expect(compareDateOfBirth('1990-06-30', '1990-01-01', true)).toBe('SAME_YEAR');
    expect(compareDateOfBirth('1991-01-01', '1990-01-01', true)).toBe('DIFFERENT');
  });

  it('the year of an estimated date of birth does not make a MATCH on its own', () => {
    const decision = decideVerification(facts({ methods: [M.Questions], dateOfBirth: 'SAME_YEAR' }));
    expect(decision).toEqual({
      result: R.Inconclusive,
      reasons: ['DATE_OF_BIRTH_APPROXIMATE', 'NO_CHECKABLE_EVIDENCE'],
    });
  });
});
