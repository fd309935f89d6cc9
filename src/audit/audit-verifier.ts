import { DataSource, EntityManager } from 'typeorm';
import { contentHash, GENESIS_HASH, legacyEntryHash, sealHash } from './audit-chain';
import { AuditEvent } from './entities/audit-event.entity';

export interface ChainBreak {
  chain: string;
  seq: string;
  entryId: string | null;
  reason: string;
}

export interface VerifyResult {
  chains: number;
  entries: number;
  breaks: ChainBreak[];
}

const BATCH = 5000;

/**
 * Walks every chain in order and reports the first broken entry of each. Runs in one REPEATABLE READ snapshot:
 * on a live database, entries appended while the walk runs would otherwise look like a head pointing past
 * removed entries.
 */
export function verifyAuditChains(dataSource: DataSource): Promise<VerifyResult> {
  return dataSource.transaction('REPEATABLE READ', async (m) => {
    await m.query('SET TRANSACTION READ ONLY');
    return walkChains(m);
  });
}

async function walkChains(m: EntityManager): Promise<VerifyResult> {
  const heads: { chain: string; seq: string; hash: string | null }[] = await m.query(
    `SELECT chain, seq::text AS seq, hash FROM audit_chain_heads
     UNION SELECT DISTINCT chain, NULL, NULL FROM audit_events WHERE chain NOT IN (SELECT chain FROM audit_chain_heads)
     ORDER BY chain`,
  );
  const repo = m.getRepository(AuditEvent);
  const result: VerifyResult = { chains: heads.length, entries: 0, breaks: [] };

  for (const head of heads) {
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let broken: ChainBreak | undefined;
    for (;;) {
      const rows = await repo
        .createQueryBuilder('e')
        .where('e.chain = :chain AND e.seq >= :from', { chain: head.chain, from: expectedSeq.toString() })
        .orderBy('e.seq', 'ASC')
        .limit(BATCH)
        .getMany();
      for (const row of rows) {
        result.entries++;
        const seq = row.seq!;
        const at = { chain: head.chain, seq, entryId: row.id };
        if (BigInt(seq) !== expectedSeq) {
          broken = { ...at, reason: `entry ${expectedSeq} is missing (next present is ${seq})` };
        } else if (row.prevHash !== prevHash) {
          broken = { ...at, reason: 'previous-hash link does not match the entry before it' };
        } else if (!hashMatches(row, seq, prevHash)) {
          broken = { ...at, reason: 'content does not match its hash (the entry was altered)' };
        }
        if (broken) break;
        prevHash = row.hash!;
        expectedSeq++;
      }
      if (broken || rows.length < BATCH) break;
    }
    const lastSeq = expectedSeq - 1n;
    if (
      !broken &&
      head.seq !== null &&
      (BigInt(head.seq) !== lastSeq || head.hash !== (lastSeq ? prevHash : null))
    ) {
      broken = {
        chain: head.chain,
        seq: head.seq,
        entryId: null,
        reason: `chain ends at entry ${lastSeq} but its head records entry ${head.seq} (entries were removed)`,
      };
    }
    if (!broken && head.seq === null) {
      broken = { chain: head.chain, seq: '1', entryId: null, reason: 'chain has entries but no head record' };
    }
    if (broken) result.breaks.push(broken);
  }
  // Every committed entry was sealed at its commit; one without a seal was written around the triggers.
  const unsealed: { chain: string; id: string }[] = await m.query(
    `SELECT DISTINCT ON (chain) chain, id FROM audit_events WHERE hash IS NULL ORDER BY chain, occurred_at`,
  );
  for (const u of unsealed) {
    result.breaks.push({
      chain: u.chain,
      seq: '?',
      entryId: u.id,
      reason: 'entry has no place in the chain (written around the sealing trigger)',
    });
  }
  return result;
}

/** Entries sealed by the database hash their content and their seal separately; older ones in one go. */
function hashMatches(row: AuditEvent, seq: string, prevHash: string): boolean {
  if (row.contentHash === null) return legacyEntryHash({ ...row, seq, prevHash }) === row.hash;
  return contentHash(row) === row.contentHash && sealHash(prevHash, seq, row.contentHash) === row.hash;
}
