import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

// Used by the TypeORM CLI: npm run migration:generate|run|revert
export default new DataSource(typeormOptions());
