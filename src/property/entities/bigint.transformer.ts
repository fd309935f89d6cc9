import { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; amounts are bounded (MAX_MINOR_AMOUNT) so a number is exact. */
export const bigintAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
