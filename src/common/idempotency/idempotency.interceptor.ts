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
import { Conflict, RuleViolation } from '../errors/domain.exception';
import { findUnsafeKey, validationFailed } from '../validation/api-validation.pipe';
import { IdempotencyKey } from './idempotency-key.entity';

const TTL_MS = 24 * 60 * 60 * 1000;
/** A reservation without an answer after this long belongs to a request that died (crash, restart). */
const ABANDONED_AFTER_SECONDS = 120;
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for creating POSTs. The first request reserves (user, route, key); its answer is stored
 * and replayed to every retry for 24 hours. A retry with another body answers 422; a retry while the first is
 * still running answers 409. A request that fails frees its key so it can be retried; so does one whose process
 * died before answering, after two minutes (otherwise its key would answer 409 for a whole day).
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
    const id = { userId: req.actor.id, route: `${req.method} ${req.baseUrl}${req.path}`, key };
    const requestHash = createHash('sha256')
      .update(canonicalJson(req.body ?? null))
      .digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const repo = this.dataSource.getRepository(IdempotencyKey);

    return from(this.reserve(id, requestHash)).pipe(
      mergeMap((previous) => {
        if (previous) {
          const res = context.switchToHttp().getResponse<Response>();
          res.status(previous.statusCode!).setHeader('Idempotency-Replayed', 'true');
          return of(previous.response === null ? null : JSON.parse(previous.response));
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            // Kept as the serialised text (a jsonb string): jsonb objects reorder their keys, and a replay
            // must answer byte for byte what the first request answered.
            const response = body === undefined ? null : JSON.stringify(body);
            await repo.update(id, { statusCode: status, response });
            return body;
          }),
          catchError((err) => from(repo.delete(id)).pipe(mergeMap(() => throwError(() => err)))),
        );
      }),
    );
  }

  /** Reserves the key, or answers the stored first response of a completed earlier request. */
  private async reserve(
    id: Pick<IdempotencyKey, 'userId' | 'route' | 'key'>,
    requestHash: string,
  ): Promise<IdempotencyKey | null> {
    const repo = this.dataSource.getRepository(IdempotencyKey);
    await repo
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId', id)
      // Every expired key of this user (so the table does not grow without end), and this key if abandoned.
      .andWhere(
        `(expires_at < now() OR (route = :route AND key = :key AND status_code IS NULL
          AND created_at < now() - make_interval(secs => :abandoned)))`,
        { ...id, abandoned: ABANDONED_AFTER_SECONDS },
      )
      .execute();
    const inserted: unknown[] = await repo.query(
      `INSERT INTO idempotency_keys (user_id, route, key, request_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT DO NOTHING RETURNING key`,
      [id.userId, id.route, id.key, requestHash, TTL_MS / 1000],
    );
    if (inserted.length > 0) return null;
    const existing = await repo.findOneByOrFail(id);
    if (existing.requestHash !== requestHash) {
      throw new RuleViolation(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body',
        [{ field: 'Idempotency-Key', message: 'was used before with a different body' }],
      );
    }
    if (existing.statusCode === null) {
      throw new Conflict(
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    return existing;
  }
}
