import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class PropertyEnv {
  /** Days after exit before unclaimed belongings may be marked abandoned and disposed of. */
  @IsInt()
  @Min(0)
  @Max(3650)
  PROPERTY_UNCLAIMED_DAYS: number = 30;

  /** Days the person has to claim their belongings after the notice is sent, whenever it is sent. */
  @IsInt()
  @Min(0)
  @Max(3650)
  PROPERTY_NOTICE_DAYS: number = 14;
}

export const propertyConfig = registerAs('property', () => {
  const env = validateEnv(PropertyEnv);
  return { unclaimedDays: env.PROPERTY_UNCLAIMED_DAYS, noticeDays: env.PROPERTY_NOTICE_DAYS };
});
export type PropertyConfig = ReturnType<typeof propertyConfig>;
