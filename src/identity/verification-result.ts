/**
 * The server's decision on an identity verification. Pure: the service gathers the facts from the database
 * (whose stay a wristband belongs to, which document numbers are on record, the date of birth on record) and this
 * function decides. What the server can check outranks what the officer claims; the officer's own judgement
 * (looking at the photo) can only lower the result, never raise it.
 */
export enum Checkpoint {
  Intake = 'INTAKE',
  TransferOut = 'TRANSFER_OUT',
  TransferIn = 'TRANSFER_IN',
  Release = 'RELEASE',
  Count = 'COUNT',
  Other = 'OTHER',
}

export enum VerificationMethod {
  Document = 'document',
  Photo = 'photo',
  Wristband = 'wristband',
  Fingerprint = 'fingerprint',
  Questions = 'questions',
}

export enum VerificationResult {
  Match = 'MATCH',
  Mismatch = 'MISMATCH',
  Inconclusive = 'INCONCLUSIVE',
}

/** What the server found out about a scanned wristband code. */
export type WristbandFinding =
  | 'THIS_STAY' // active band of the stay being verified, signature valid
  | 'ISSUED_RECENTLY' // that band, but issued (or reissued) just before an exit check: it proves nothing there
  | 'SENDING_STAY' // the band of the stay whose accepted transfer opened this one (only counts at TRANSFER_IN)
  | 'OTHER_STAY' // a valid band of another stay: somebody else's, or another of this person's
  | 'REVOKED' // a band that was reissued or withdrawn, or whose stay has ended
  | 'UNSIGNED' // the stay's own code typed by hand: found, but without the signature it proves nothing
  | 'UNKNOWN' // no such code, or a signature that does not verify
  | 'NOT_PRESENTED';

/** RECORDED_RECENTLY: on record, but only in a document recorded just before an exit check (see the service). */
export type DocumentFinding =
  'ON_RECORD' | 'RECORDED_RECENTLY' | 'NOT_ON_RECORD' | 'NONE_ON_RECORD' | 'NOT_PRESENTED';

export type DateOfBirthFinding = 'SAME' | 'SAME_YEAR' | 'DIFFERENT' | 'NONE_ON_RECORD' | 'NOT_PRESENTED';

export interface VerificationFacts {
  checkpoint: Checkpoint;
  methods: VerificationMethod[];
  wristband: WristbandFinding;
  document: DocumentFinding;
  dateOfBirth: DateOfBirthFinding;
  /** Score 0-100 reported by the external fingerprint system, or null when not presented. */
  fingerprintScore: number | null;
  /** Whether the person has a biometric reference on record to have been matched against. */
  hasBiometricReference: boolean;
  /** At an exit check: a reference was recorded just before it, so a score may be against that one. */
  biometricReferenceRecent?: boolean;
  /** The officer's own judgement (photo, demeanour); absent means the officer expressed none. */
  officerAssessment?: VerificationResult;
}

export interface VerificationDecision {
  result: VerificationResult;
  /** Machine-readable reasons, never containing the presented values themselves. */
  reasons: string[];
}

export const FINGERPRINT_MATCH_SCORE = 80;
export const FINGERPRINT_NON_MATCH_SCORE = 40;

type Outcome = 'PASS' | 'FAIL' | 'UNVERIFIABLE';

function wristbandOutcome(f: VerificationFacts): [Outcome, string] | null {
  switch (f.wristband) {
    case 'NOT_PRESENTED':
      return null;
    case 'THIS_STAY':
      return ['PASS', 'WRISTBAND_MATCH'];
    case 'ISSUED_RECENTLY':
      return ['UNVERIFIABLE', 'WRISTBAND_ISSUED_RECENTLY'];
    case 'SENDING_STAY':
      return f.checkpoint === Checkpoint.TransferIn
        ? ['PASS', 'WRISTBAND_SENDING_STAY_MATCH']
        : ['FAIL', 'WRISTBAND_OTHER_STAY'];
    case 'OTHER_STAY':
      return ['FAIL', 'WRISTBAND_OTHER_STAY'];
    case 'REVOKED':
      return ['FAIL', 'WRISTBAND_REVOKED'];
    case 'UNSIGNED':
      return ['UNVERIFIABLE', 'WRISTBAND_UNSIGNED'];
    case 'UNKNOWN':
      return ['FAIL', 'WRISTBAND_UNKNOWN'];
  }
}

function documentOutcome(f: VerificationFacts): [Outcome, string] | null {
  switch (f.document) {
    case 'NOT_PRESENTED':
      return null;
    case 'ON_RECORD':
      return ['PASS', 'DOCUMENT_MATCH'];
    case 'RECORDED_RECENTLY':
      // Compared with what was just typed in from the document in hand: proves nothing about who arrived.
      return ['UNVERIFIABLE', 'DOCUMENT_RECORDED_RECENTLY'];
    case 'NOT_ON_RECORD':
      return ['FAIL', 'DOCUMENT_NOT_ON_RECORD'];
    case 'NONE_ON_RECORD':
      // Nothing to compare with: the server cannot confirm, but it has no contrary evidence either.
      return ['UNVERIFIABLE', 'DOCUMENT_NONE_ON_RECORD'];
  }
}

function dateOfBirthOutcome(f: VerificationFacts): [Outcome, string] | null {
  switch (f.dateOfBirth) {
    case 'NOT_PRESENTED':
      return null;
    case 'SAME':
      return ['PASS', 'DATE_OF_BIRTH_MATCH'];
    case 'SAME_YEAR':
      // The date on record is an estimate: a year anyone who saw the record could give proves nothing.
      return ['UNVERIFIABLE', 'DATE_OF_BIRTH_APPROXIMATE'];
    case 'DIFFERENT':
      return ['FAIL', 'DATE_OF_BIRTH_MISMATCH'];
    case 'NONE_ON_RECORD':
      return ['UNVERIFIABLE', 'DATE_OF_BIRTH_NONE_ON_RECORD'];
  }
}

function fingerprintOutcome(f: VerificationFacts): [Outcome, string] | null {
  if (f.fingerprintScore === null) return null;
  if (!f.hasBiometricReference) return ['UNVERIFIABLE', 'FINGERPRINT_NO_REFERENCE'];
  // The score says nothing of which template it was matched against: perhaps the one just enrolled.
  if (f.biometricReferenceRecent && f.fingerprintScore >= FINGERPRINT_MATCH_SCORE)
    return ['UNVERIFIABLE', 'FINGERPRINT_REFERENCE_RECENT'];
  if (f.fingerprintScore >= FINGERPRINT_MATCH_SCORE) return ['PASS', 'FINGERPRINT_MATCH'];
  if (f.fingerprintScore < FINGERPRINT_NON_MATCH_SCORE) return ['FAIL', 'FINGERPRINT_NO_MATCH'];
  return ['UNVERIFIABLE', 'FINGERPRINT_SCORE_INCONCLUSIVE'];
}

export function decideVerification(facts: VerificationFacts): VerificationDecision {
  const outcomes = [
    wristbandOutcome(facts),
    documentOutcome(facts),
    dateOfBirthOutcome(facts),
    fingerprintOutcome(facts),
  ].filter((o): o is [Outcome, string] => o !== null);
  const reasons = outcomes.map(([, reason]) => reason);

  let result: VerificationResult;
  if (outcomes.some(([o]) => o === 'FAIL')) {
    result = VerificationResult.Mismatch;
  } else if (outcomes.some(([o]) => o === 'PASS')) {
    result = VerificationResult.Match;
  } else {
    // The officer's word alone never makes a MATCH: something the server can check must agree.
    reasons.push('NO_CHECKABLE_EVIDENCE');
    result = VerificationResult.Inconclusive;
  }

  const officer = facts.officerAssessment;
  if (officer === VerificationResult.Mismatch && result !== VerificationResult.Mismatch) {
    reasons.push('OFFICER_MISMATCH');
    result = VerificationResult.Mismatch;
  } else if (officer === VerificationResult.Inconclusive && result === VerificationResult.Match) {
    reasons.push('OFFICER_INCONCLUSIVE');
    result = VerificationResult.Inconclusive;
  }
  return { result, reasons };
}

/** A MISMATCH at these checkpoints may mean the wrong person is about to leave: an incident-grade alert. */
export const ALERTING_CHECKPOINTS: ReadonlySet<Checkpoint> = new Set([
  Checkpoint.Release,
  Checkpoint.TransferOut,
  Checkpoint.TransferIn,
]);

/**
 * Compares a presented date of birth with the one on record. An approximate date on record (the person did
 * not know it exactly) is compared by year only: another year is a mismatch, the same year no match.
 */
export function compareDateOfBirth(
  presented: string | undefined,
  onRecord: string | null | undefined,
  approximate: boolean,
): DateOfBirthFinding {
  if (!presented) return 'NOT_PRESENTED';
  if (!onRecord) return 'NONE_ON_RECORD';
  if (approximate) return presented.slice(0, 4) === onRecord.slice(0, 4) ? 'SAME_YEAR' : 'DIFFERENT';
  return presented === onRecord ? 'SAME' : 'DIFFERENT';
}
