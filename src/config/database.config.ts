import { registerAs } from '@nestjs/config';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class DatabaseEnv {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/migrant_centres';

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;
}

export const databaseConfig = registerAs('database', () => {
  const env = validateEnv(DatabaseEnv);
  return { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE };
});
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
