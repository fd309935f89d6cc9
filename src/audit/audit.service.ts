import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Actor, auditRole, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { currentRequestId } from '../common/request-context/request-context';
import { chainOf, GENESIS_HASH, hashEntry, toStoredJson } from './audit-chain';
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
   * Appends an entry inside the caller's transaction, so the change and its audit entry commit together.
   * The chain head row is locked until that transaction ends: entries of one centre are strictly ordered.
   */
  async record(manager: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<AuditEvent> {
    const chain = chainOf(entry.centreId);
    await manager.query(`INSERT INTO audit_chain_heads (chain) VALUES ($1) ON CONFLICT (chain) DO NOTHING`, [
      chain,
    ]);
    const [head] = await manager.query(
      `SELECT seq::text AS seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE`,
      [chain],
    );
    const event = manager.create(AuditEvent, {
      chain,
      seq: String(BigInt(head.seq) + 1n),
      occurredAt: new Date(),
      actorId: actor?.id ?? null,
      actorRole: actor ? auditRole(actor) : null,
      centreId: entry.centreId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      requestId: currentRequestId() ?? null,
      outcome: entry.outcome ?? 'success',
      details: toStoredJson(entry.details),
      prevHash: head.hash ?? GENESIS_HASH,
    });
    event.hash = hashEntry(event);
    await manager.getRepository(AuditEvent).insert(event as never);
    await manager.query(`UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain = $1`, [
      chain,
      event.seq,
      event.hash,
    ]);
    return event;
  }

  /** For outcomes whose own transaction rolled back (refusals, failed logins): recorded on their own. */
  recordAlone(actor: Actor | null, entry: AuditEntry): Promise<AuditEvent> {
    return this.dataSource.transaction((m) => this.record(m, actor, entry));
  }

  async list(actor: Actor, query: AuditQueryDto): Promise<AuditEvent[]> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
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
    return qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.seq', 'DESC')
      .offset(query.offset)
      .limit(query.limit)
      .getMany();
  }
}
