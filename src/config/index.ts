export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './redis.config';
export { ConfigurationError } from './validate-env';
export * from './admissions.config';
export * from './property.config';
