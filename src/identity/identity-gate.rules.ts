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
 * Whether the recorded checks satisfy a requirement at `now`: enough MATCHes by distinct officers within the
 * window, counting only those after the most recent MISMATCH at that checkpoint (a mismatch is not outvoted
 * by earlier matches; it must be cleared by new ones).
 */
export function gateSatisfied(checks: RecordedCheck[], req: GateRequirement, now: Date): boolean {
  const since = now.getTime() - req.windowMinutes * 60_000;
  const relevant = checks.filter(
    (c) => c.checkpoint === req.checkpoint && c.verifiedAt.getTime() >= since && c.verifiedAt <= now,
  );
  const lastMismatch = Math.max(
    -Infinity,
    ...relevant.filter((c) => c.result === VerificationResult.Mismatch).map((c) => c.verifiedAt.getTime()),
  );
  const officers = new Set(
    relevant
      .filter((c) => c.result === VerificationResult.Match && c.verifiedAt.getTime() > lastMismatch)
      .map((c) => c.verifiedById),
  );
  return officers.size >= req.officers;
}
