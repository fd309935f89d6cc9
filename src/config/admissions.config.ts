import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class AdmissionsEnv {
  /** Hours after admission by which medical staff must have screened the person. */
  @IsInt()
  @Min(1)
  @Max(168)
  MEDICAL_SCREENING_DEADLINE_HOURS: number = 12;
}

export const admissionsConfig = registerAs('admissions', () => {
  const env = validateEnv(AdmissionsEnv);
  return { medicalScreeningDeadlineHours: env.MEDICAL_SCREENING_DEADLINE_HOURS };
});
export type AdmissionsConfig = ReturnType<typeof admissionsConfig>;
