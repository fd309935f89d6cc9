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

/**
 * JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. Otherwise it
 * follows JSON.stringify exactly (toJSON, undefined properties left out, undefined in arrays as null), so a
 * value hashes the same before it is stored as jsonb and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  const v =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The details as jsonb will hold them: plain JSON, so the stored entry hashes like the one written. */
export const toStoredJson = (details: Record<string, unknown> | undefined): Record<string, unknown> =>
  details === undefined ? {} : (JSON.parse(JSON.stringify(details)) as Record<string, unknown>);

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
