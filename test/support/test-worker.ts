import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { DocumentsWorker } from '../../src/documents/jobs/documents.worker';
import { DocumentTypeRegistry } from '../../src/documents/types/document-type.registry';
import { testSheetType } from '../factories/documents';

/**
 * src/worker.ts plus the tests' own document type: what `npm run start:worker` runs, for fault tests that spawn
 * and kill worker processes. Prints "worker ready" once it takes jobs.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  app.get(DocumentTypeRegistry).register(testSheetType);
  app.enableShutdownHooks();
  app.get(DocumentsWorker).start();
  process.stdout.write('worker ready\n');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
