import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';

/** Asserts the one error shape, and that its request id is the one sent back in the X-Request-Id header. */
export function expectErrorShape(res: Response, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: {
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
      details: expect.any(Array),
      requestId: expect.any(String),
    },
  });
  expect(res.body.requestId).not.toBe('');
  expect(res.headers['x-request-id']).toBe(res.body.requestId);
}

/** Row counts of the tables a bad request must never touch. */
export async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM centres)::int AS centres, (SELECT count(*) FROM users)::int AS users,
            (SELECT count(*) FROM audit_events)::int AS audit_events`,
  );
  return row;
}
