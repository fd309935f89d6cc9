import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class PropertyEnv {
  /** Days after exit before unclaimed belongings may be marked abandoned and disposed of. */
  @IsInt()
  @Min(0)
  @Max(3650)
  PROPERTY_UNCLAIMED_DAYS: number = 30;
}

export const propertyConfig = registerAs('property', () => {
  const env = validateEnv(PropertyEnv);
  return { unclaimedDays: env.PROPERTY_UNCLAIMED_DAYS };
});
export type PropertyConfig = ReturnType<typeof propertyConfig>;
