import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../../config/app.config';

/**
 * Structured JSON logs. Bodies are never logged; query strings are dropped (searches carry names);
 * credentials and confidential fields are redacted wherever they appear.
 */
export const loggerOptions = (config: AppConfig): Params => ({
  // Named wildcard (path-to-regexp 8): nestjs-pino's default '*' makes Nest 11 warn at every start.
  forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
  pinoHttp: {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.passwordHash',
        '*.accessToken',
        '*.generatedPassword',
        '*.clinicalText',
        '*.documentNumber',
        // A failed query carries its bound values and PostgreSQL's detail line quotes row values.
        'err.parameters',
        'err.detail',
        'err.driverError.detail',
        'err.driverError.parameters',
      ],
      censor: '[redacted]',
    },
  },
});
