import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { DocumentsWorker } from './documents/jobs/documents.worker';

/**
 * `npm run start:worker`: the queue workers in their own process, for scale. Same module graph as the API
 * (every module registers its document types and queues) but no HTTP server. The outbox dispatcher runs here
 * too; several processes dispatching is safe (FOR UPDATE SKIP LOCKED).
 */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT run the shutdown hooks: the worker stops taking jobs and finishes those in progress.
  app.enableShutdownHooks();
  app.get(DocumentsWorker).start();
  app.get(Logger).log('worker process started');
}

bootstrap().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
