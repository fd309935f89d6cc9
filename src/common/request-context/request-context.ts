import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** The id of the request being served (also sent back as X-Request-Id), or undefined outside a request. */
export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

/** Runs at the very front of the pipeline: every log line, error and audit entry can name its request. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId }, next);
}
