import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { appConfig, AppConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const config = app.get<AppConfig>(appConfig.KEY);
  configureApp(app, config);
  await app.listen(config.port);
  app.get(Logger).log(`API docs at ${config.publicUrl}/docs`);
  process.stdout.write(
    `\n  Migrant centre management API listening on ${config.publicUrl}\n  API docs: ${config.publicUrl}/docs\n\n`,
  );
}

bootstrap().catch((err) => {
  // Configuration errors name the bad variable; print them plainly and stop.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
