import { runAdmissionsBench } from './admissions';
import { ensureBenchDatabase, startService } from './lib';
import { runSearchBench } from './search';
import { seedPersons } from './seed-persons';

/**
 * npm run bench — drives the built service (the script builds first) on a dedicated database (BENCH_DB, default
 * mcm_bench). Seeding 1,000,000 persons is resumable: an interrupted run continues where it stopped.
 */
async function main(): Promise<void> {
  await ensureBenchDatabase();
  const service = await startService(); // applies migrations on the bench database
  try {
    const { officerToken } = await runAdmissionsBench(service);
    const population = await seedPersons();
    await runSearchBench(service, officerToken, population);
  } finally {
    await service.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
