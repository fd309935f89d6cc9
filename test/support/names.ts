import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Names {
  script: Record<string, Array<[string, string]>>;
  latin: Record<string, { given: string[]; family: string[] }>;
}

/** shared/data/names.json, which sits beside the repository (here and in CI). */
export const names: Names = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'shared', 'data', 'names.json'), 'utf8'),
);
