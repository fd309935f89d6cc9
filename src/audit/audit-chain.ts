import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** What an entry says: every field but its place in the chain. The application hashes these as it writes. */
export interface EntryContent {
  chain: string;
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
}

/** An entry with its place in the chain, as it was hashed before the database sealed entries at commit. */
export interface ChainedFields extends EntryContent {
  seq: string;
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

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const contentFields = (e: EntryContent) => ({
  chain: e.chain,
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
});

/** The hash of what an entry says, computed by the application as it writes the entry. */
export const contentHash = (e: EntryContent): string => sha256(canonicalJson(contentFields(e)));

/**
 * The hash that seals an entry into its chain: the previous entry's hash, the entry's place and its content
 * hash. The database computes the same at commit (trigger audit_events_seal, migration AuditSealAtCommit), or
 * as it inserts an entry recorded on its own (audit_append_sealed, migration AuditSealAlone).
 */
export const sealHash = (prevHash: string, seq: string, content: string): string =>
  sha256(`${prevHash}:${seq}:${content}`);

/** Entries written before sealing moved into the database hashed every field, place included, in one go. */
export const legacyEntryHash = (e: ChainedFields): string =>
  sha256(canonicalJson({ ...contentFields(e), seq: String(e.seq), prevHash: e.prevHash }));

export const chainOf = (centreId: string | null | undefined): string =>
  centreId ? `centre:${centreId}` : 'global';
