import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Names {
  script: Record<string, Array<[string, string]>>;
  latin: Record<string, { given: string[]; family: string[] }>;
}

/** test/data/names.json: the synthetic names of shared/data, kept in the repository so a clean clone has them. */
export const names: Names = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'names.json'), 'utf8'));
