import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class AdmissionsEnv {
  /** Hours after admission by which medical staff must have screened the person. */
  @IsInt()
  @Min(1)
  @Max(168)
  MEDICAL_SCREENING_DEADLINE_HOURS: number = 12;

  /**
   * Statistics show a group only when it counts at least this many people; smaller groups are added up
   * together, so that a rare nationality in a small centre does not point at one person.
   */
  @IsInt()
  @Min(1)
  @Max(100)
  STATISTICS_MIN_GROUP: number = 5;
}

export const admissionsConfig = registerAs('admissions', () => {
  const env = validateEnv(AdmissionsEnv);
  return {
    medicalScreeningDeadlineHours: env.MEDICAL_SCREENING_DEADLINE_HOURS,
    statisticsMinGroup: env.STATISTICS_MIN_GROUP,
  };
});
export type AdmissionsConfig = ReturnType<typeof admissionsConfig>;
