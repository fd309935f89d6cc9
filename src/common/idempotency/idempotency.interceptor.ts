import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../../audit/audit-chain';
import { Actor } from '../../auth/actor';
import { Role } from '../../auth/role.enum';
import { statusOf } from '../errors/api-exception.filter';
import { Conflict, RuleViolation } from '../errors/domain.exception';
import { findUnsafeKey, validationFailed } from '../validation/api-validation.pipe';
import { IdempotencyKey } from './idempotency-key.entity';

const TTL_MS = 24 * 60 * 60 * 1000;
/** A reservation without an answer after this long belongs to a request whose process died (crash, restart). */
const ABANDONED_AFTER_SECONDS = 120;
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
const UUID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A reservation freed by a concurrent retry between our INSERT and our read is tried again, this often. */
const RESERVE_ATTEMPTS = 3;

type KeyId = Pick<IdempotencyKey, 'userId' | 'route' | 'key'>;

/**
 * The request's route as the key holds it: the route pattern Express matched (so letter case and a trailing
 * slash do not make another route) and a hash of the path parameters, with ids in one letter case (they are
 * accepted in any). The hash keeps the key short whatever a path parameter holds before the pipes check it.
 */
function routeOf(req: Request): string {
  const params = Object.entries((req.params ?? {}) as Record<string, string>)
    .map(([name, value]) => [name, UUID_SHAPED.test(value) ? value.toLowerCase() : value])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const paramsHash = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 32);
  return `${req.method} ${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path} ${paramsHash}`;
}

/**
 * `Idempotency-Key` for creating POSTs (routes marked `@Idempotent()`). The first request reserves (user,
 * route, key); its answer is stored and replayed to every retry for 24 hours. A retry with another body answers
 * 422; a retry while the first is still running answers 409 IDEMPOTENCY_IN_PROGRESS; a retry by a caller who
 * has since lost one of their roles or centres answers 409 IDEMPOTENCY_SCOPE_CHANGED (the replay skips the
 * handler, whose checks of role and scope shaped the answer).
 *
 * A retry never does the work twice. A first request refused with a 4xx wrote nothing, so its key is freed and
 * a corrected retry runs. Any other failure (a 5xx: the answer could not be stored, a read-back after the
 * commit timed out) may have come after the write committed, and so may a request whose process died: their
 * retries answer 409 IDEMPOTENCY_OUTCOME_UNKNOWN, telling the client to look at the record and send a new key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.header('idempotency-key');
    if (key === undefined || !req.actor) return next.handle();
    if (!VALID_KEY.test(key)) {
      throw validationFailed([
        { field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
      ]);
    }
    // The body is hashed before the validation pipe sees it: refuse here what the pipe would refuse (a body
    // nested thousands deep would overflow the stack of the hash).
    const unsafe = findUnsafeKey(req.body);
    if (unsafe) throw validationFailed([unsafe]);
    const id: KeyId = { userId: req.actor.id, route: routeOf(req), key };
    const requestHash = createHash('sha256')
      .update(canonicalJson(req.body ?? null))
      .digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const repo = this.dataSource.getRepository(IdempotencyKey);

    return from(this.reserve(id, requestHash, req.actor)).pipe(
      mergeMap((previous) => {
        if (previous) {
          const res = context.switchToHttp().getResponse<Response>();
          res.status(previous.statusCode!).setHeader('Idempotency-Replayed', 'true');
          return of(previous.response === null ? null : JSON.parse(previous.response));
        }
        let answered = false;
        return next.handle().pipe(
          mergeMap(async (body) => {
            answered = true;
            // Kept as the serialised text (a jsonb string): jsonb objects reorder their keys, and a replay
            // must answer byte for byte what the first request answered.
            const response = body === undefined ? null : JSON.stringify(body);
            await repo.update(id, { statusCode: status, response });
            return body;
          }),
          catchError((err) => {
            // Refused (4xx) by the handler itself: nothing was written, the key is free again.
            const settle =
              !answered && statusOf(err) < 500 ? repo.delete(id) : repo.update(id, { failedAt: new Date() });
            // If even that fails (the database went away), the reservation stays: its retries answer 409.
            return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => err)));
          }),
        );
      }),
    );
  }

  /** Reserves the key, or answers the stored first response of a completed earlier request. */
  private async reserve(id: KeyId, requestHash: string, actor: Actor): Promise<IdempotencyKey | null> {
    const repo = this.dataSource.getRepository(IdempotencyKey);
    // Every expired key of this user, so the table does not grow without end.
    await repo.createQueryBuilder().delete().where('user_id = :userId AND expires_at < now()', id).execute();
    for (let attempt = 1; ; attempt++) {
      const inserted: unknown[] = await repo.query(
        `INSERT INTO idempotency_keys (user_id, route, key, request_hash, caller_roles, caller_centre_ids,
                                       expires_at)
         VALUES ($1, $2, $3, $4, $5::text[], $6::uuid[], now() + make_interval(secs => $7))
         ON CONFLICT DO NOTHING RETURNING key`,
        [id.userId, id.route, id.key, requestHash, actor.roles, actor.centreIds, TTL_MS / 1000],
      );
      if (inserted.length > 0) return null;
      const existing = await repo.findOneBy(id);
      // Freed meanwhile by a first request that was refused: reserve it again.
      if (!existing && attempt < RESERVE_ATTEMPTS) continue;
      if (!existing) {
        throw new Conflict(
          'IDEMPOTENCY_IN_PROGRESS',
          'Other requests with this Idempotency-Key are being processed; retry shortly',
        );
      }
      return this.previous(existing, requestHash, actor);
    }
  }

  private async previous(
    existing: IdempotencyKey,
    requestHash: string,
    actor: Actor,
  ): Promise<IdempotencyKey> {
    if (existing.requestHash !== requestHash) {
      throw new RuleViolation(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body',
        [{ field: 'Idempotency-Key', message: 'was used before with a different body' }],
      );
    }
    // The stored answer was shaped by the caller's roles and centres then (an administrator sees every centre);
    // the handler that would check them now is skipped, so a caller who lost any of them is not replayed to.
    const lostRole = existing.callerRoles.some((r) => !actor.roles.includes(r as Role));
    const lostCentre = existing.callerCentreIds.some((c) => !actor.centreIds.includes(c));
    if (lostRole || lostCentre) {
      throw new Conflict(
        'IDEMPOTENCY_SCOPE_CHANGED',
        'Your roles or centre assignments have changed since this request was first answered, so its answer ' +
          'is not replayed: read the record, if it is still yours to see',
      );
    }
    if (existing.statusCode !== null) return existing;
    if (existing.failedAt || (await this.abandoned(existing))) {
      throw new Conflict(
        'IDEMPOTENCY_OUTCOME_UNKNOWN',
        'The first request with this Idempotency-Key ended without an answer (it failed, or its server stopped) ' +
          'and may have been carried out: look at the record, and send a new key to do it again',
      );
    }
    throw new Conflict(
      'IDEMPOTENCY_IN_PROGRESS',
      'A request with this Idempotency-Key is still being processed; retry shortly',
    );
  }

  /** Older than ABANDONED_AFTER_SECONDS by the database's clock, the one that stamped it. */
  private async abandoned(k: KeyId): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT created_at < now() - make_interval(secs => $4) AS abandoned FROM idempotency_keys
       WHERE user_id = $1 AND route = $2 AND key = $3`,
      [k.userId, k.route, k.key, ABANDONED_AFTER_SECONDS],
    );
    return row?.abandoned === true;
  }
}
