import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StaleVersion } from '../errors/domain.exception';

/**
 * Optimistic locking: TypeORM's @VersionColumn does not guard save(), so updates of mutable aggregates go
 * through this conditional UPDATE, which bumps the version and answers 409 when the caller's copy is stale.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
  label: string,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (!result.affected) throw new StaleVersion(label);
}
