import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { appConfig, AppConfig, checkConfiguration } from './config';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function bootstrap(): Promise<void> {
  // Before Nest starts: a bad variable is reported plainly, by name, instead of inside a DI stack trace.
  checkConfiguration();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const config = app.get<AppConfig>(appConfig.KEY);
  configureApp(app, config);
  stopOnSignals(app);
  await app.listen(config.port);
  app.get(Logger).log(`API docs at ${config.publicUrl}/docs`);
  process.stdout.write(
    `\n  Migrant centre management API listening on ${config.publicUrl}\n  API docs: ${config.publicUrl}/docs\n\n`,
  );
}

/**
 * Graceful shutdown: stop accepting connections, let requests in flight finish, close the pools, exit 0.
 * Nest's enableShutdownHooks() re-raises the signal after closing, so the process would die "killed by
 * SIGTERM" (143) and orchestrators would record a crash on every deploy.
 */
function stopOnSignals(app: INestApplication): void {
  const logger = app.get(Logger);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      process.stderr.write(`Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

bootstrap().catch((err) => {
  // Configuration errors name the bad variable; print them plainly and stop.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
