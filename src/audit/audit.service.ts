import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Actor, auditCentresOf, auditRole, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { send } from '../common/persistence/pipeline';
import { currentRequestId } from '../common/request-context/request-context';
import { chainOf, contentHash, EntryContent, toStoredJson } from './audit-chain';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEvent, AuditOutcome } from './entities/audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  centreId?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction, so the change and its audit entry commit together. One
   * INSERT and no lock: the database gives the entry its place in the centre's chain and seals it as the
   * transaction commits (see migration AuditSealAtCommit), so writes of one centre do not queue behind each
   * other's open transactions. Write audited changes in READ COMMITTED transactions (the default): under
   * REPEATABLE READ the seal fails at COMMIT (409, retry) whenever another entry of the centre committed since
   * the transaction began. The entry is sent before this returns (see send), so it need not wait for the writes
   * before it.
   */
  async record(
    manager: EntityManager,
    actor: Actor | null,
    entry: AuditEntry,
    requestId: string | null = currentRequestId() ?? null,
  ): Promise<void> {
    await send(
      manager,
      `INSERT INTO audit_events (chain, occurred_at, actor_id, actor_role, centre_id, action, entity_type,
                                 entity_id, request_id, outcome, details, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
      entryValues(actor, entry, requestId),
    );
  }

  /**
   * For outcomes whose own transaction rolled back (refusals, failed logins) and for reads: recorded on their
   * own, in one statement that is its own transaction, and sealed as it is inserted (`audit_append_sealed`, see
   * migration AuditSealAlone: the chain head is held only for that statement's commit, and the entry is written
   * once instead of being rewritten by the seal at commit). A refusal found inside a transaction is thrown
   * marked `.audited(entry)` and recorded by the exception filter once the transaction is over: recorded from
   * inside, it held one connection while waiting for another, and as many concurrent refusals as the pool has
   * connections took them all and every request hung.
   */
  async recordAlone(
    actor: Actor | null,
    entry: AuditEntry,
    requestId: string | null = currentRequestId() ?? null,
  ): Promise<void> {
    await send(this.dataSource.manager, APPEND_SEALED, entryValues(actor, entry, requestId));
  }

  /**
   * For what a caller reads outside any one centre (a person search across centres): one entry in the chain of
   * each of the caller's centres, whose auditors answer for their staff, or in the global chain for a caller of
   * no centre (an administrator). Every auditor reads the global chain, so `personal` details (the names
   * searched) go only into centre chains.
   */
  async recordInCallerCentres(
    actor: Actor,
    entry: Omit<AuditEntry, 'centreId'>,
    personal: Record<string, unknown> = {},
  ): Promise<void> {
    await Promise.all(
      auditCentresOf(actor).map((centreId) =>
        this.recordAlone(actor, {
          ...entry,
          centreId,
          details: centreId ? { ...personal, ...entry.details } : entry.details,
        }),
      ),
    );
  }

  async list(actor: Actor, query: AuditQueryDto): Promise<AuditEventResponseDto[]> {
    // Committed entries are always sealed; the condition only makes that visible to the type.
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e').where('e.hash IS NOT NULL');
    if (!hasRole(actor, Role.Admin)) {
      // Auditors read their centres' chains and the global one (user administration, logins).
      qb.andWhere(
        new Brackets((w) =>
          w.where('e.centre_id IS NULL').orWhere('e.centre_id = ANY(:centres)', { centres: actor.centreIds }),
        ),
      );
    }
    if (query.centreId) qb.andWhere('e.centre_id = :centreId', { centreId: query.centreId });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    const events = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.seq', 'DESC')
      .offset(query.offset)
      .limit(query.limit)
      .getMany();
    // The trail holds what staff searched for (names, dates of birth): who reads it is audited too.
    const { offset, limit, ...filters } = query;
    await this.recordInCallerCentres(actor, {
      action: 'audit.read',
      entityType: 'audit',
      details: { filters, offset, limit, returned: events.length },
    });
    return events.map((e) => ({ ...e, seq: e.seq!, prevHash: e.prevHash!, hash: e.hash! }));
  }
}

/** Appends an entry sealed as it is inserted (migration AuditSealAlone); its arguments are entryValues(). */
export const APPEND_SEALED = `SELECT audit_append_sealed($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`;

/** An entry's columns, from chain to content_hash, in the order both statements above take them. */
export function entryValues(actor: Actor | null, entry: AuditEntry, requestId: string | null): unknown[] {
  const centreId = entry.centreId?.toLowerCase() ?? null; // one spelling, the one the database stores
  const content: EntryContent = {
    chain: chainOf(centreId),
    occurredAt: new Date(),
    actorId: actor?.id ?? null,
    actorRole: actor ? auditRole(actor) : null,
    centreId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    requestId,
    outcome: entry.outcome ?? 'success',
    details: toStoredJson(entry.details),
  };
  return [
    content.chain,
    content.occurredAt,
    content.actorId,
    content.actorRole,
    content.centreId,
    content.action,
    content.entityType,
    content.entityId,
    content.requestId,
    content.outcome,
    JSON.stringify(content.details),
    contentHash(content),
  ];
}
