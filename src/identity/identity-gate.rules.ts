import { Checkpoint, VerificationResult } from './verification-result';

export interface RecordedCheck {
  checkpoint: Checkpoint;
  result: VerificationResult;
  verifiedById: string;
  verifiedAt: Date;
}

export interface GateRequirement {
  checkpoint: Checkpoint;
  /** Distinct officers whose MATCH is needed. */
  officers: number;
  windowMinutes: number;
}

/**
 * The MATCHes that count towards a requirement at `now`: at its checkpoint, within the window, and after the
 * most recent MISMATCH there (a mismatch is not outvoted by earlier matches; it must be cleared by new ones).
 * Oldest first.
 */
export function countedMatches<C extends RecordedCheck>(checks: C[], req: GateRequirement, now: Date): C[] {
  const since = now.getTime() - req.windowMinutes * 60_000;
  const relevant = checks.filter(
    (c) => c.checkpoint === req.checkpoint && c.verifiedAt.getTime() >= since && c.verifiedAt <= now,
  );
  const lastMismatch = Math.max(
    -Infinity,
    ...relevant.filter((c) => c.result === VerificationResult.Mismatch).map((c) => c.verifiedAt.getTime()),
  );
  return relevant
    .filter((c) => c.result === VerificationResult.Match && c.verifiedAt.getTime() > lastMismatch)
    .sort((a, b) => a.verifiedAt.getTime() - b.verifiedAt.getTime());
}

/** Whether the recorded checks satisfy a requirement at `now`: enough counted MATCHes by distinct officers. */
export function gateSatisfied(checks: RecordedCheck[], req: GateRequirement, now: Date): boolean {
  return new Set(countedMatches(checks, req, now).map((c) => c.verifiedById)).size >= req.officers;
}
