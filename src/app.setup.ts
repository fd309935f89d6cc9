import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { requestIdMiddleware } from './common/request-context/request-context';
import { ErrorResponseDto } from './common/errors/error-response.dto';
import { bodyParserErrors } from './common/http/body-parser-errors';
import { AppConfig } from './config/app.config';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests both need: the app under test is the app in production. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.set('trust proxy', config.trustProxy);
  app.use(requestIdMiddleware);
  app.use(helmet());
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.use(bodyParserErrors);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'health/{*splat}', method: RequestMethod.GET }],
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Migrant centre management API')
      .setDescription(
        'Registration, identity, belongings, care and crisis escalation for police custody units, shelters, ' +
          'attention centres and immigration detention centres. Every error answers in the ErrorResponseDto shape ' +
          'and carries the request id, also sent as the X-Request-Id header.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponseDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
