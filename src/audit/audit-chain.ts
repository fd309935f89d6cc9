import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  chain: string;
  seq: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  centreId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  outcome: string;
  details: Record<string, unknown>;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of an entry covers every field and the previous entry's hash. */
export function hashEntry(e: ChainedFields): string {
  const payload = canonicalJson({
    chain: e.chain,
    seq: String(e.seq),
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    centreId: e.centreId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    requestId: e.requestId,
    outcome: e.outcome,
    details: e.details,
    prevHash: e.prevHash,
  });
  return createHash('sha256').update(payload).digest('hex');
}

export const chainOf = (centreId: string | null | undefined): string =>
  centreId ? `centre:${centreId}` : 'global';
