import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { loggerOptions } from './logger.options';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const options = loggerOptions({ logLevel: 'info' } as never).pinoHttp as pino.LoggerOptions;
  const logger = pino(
    { level: 'info', redact: options.redact, serializers: { err: pino.stdSerializers.err } },
    stream,
  );
  return { logger, output: () => lines.join('') };
}

describe('log redaction', () => {
  it.each(['password', 'passwordHash', 'accessToken', 'generatedPassword', 'clinicalText', 'documentNumber'])(
    'redacts %s',
    (key) => {
      const { logger, output } = capture();
      logger.info({ dto: { [key]: 'SECRET-VALUE' } }, 'x');
      expect(output()).not.toContain('SECRET-VALUE');
      expect(output()).toContain('[redacted]');
    },
  );

  it('redacts authorization headers', () => {
    const { logger, output } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer SECRET-VALUE', cookie: 'SECRET-VALUE' } } }, 'x');
    expect(output()).not.toContain('SECRET-VALUE');
  });

  it('keeps query parameters and row values of a failed query out of the log', () => {
    const { logger, output } = capture();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (email)=(SECRET-VALUE) already exists.',
    });
    const err = new QueryFailedError('INSERT INTO users VALUES ($1)', ['SECRET-VALUE'], driverError);
    logger.error({ err, requestId: 'r1' }, 'Unhandled error');
    expect(output()).toContain('duplicate key value');
    expect(output()).toContain('r1');
    expect(output()).not.toContain('SECRET-VALUE');
  });
});
