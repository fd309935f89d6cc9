import { ensureBenchDatabase, startService } from './lib';
import { runAdmissionsBench } from './admissions';

/**
 * npm run bench — builds nothing: run `npm run build` first (the benchmark drives the built service).
 * Runs every benchmark against a dedicated database (BENCH_DB, default mcm_bench) and prints the figures.
 */
async function main(): Promise<void> {
  await ensureBenchDatabase();
  const service = await startService();
  try {
    await runAdmissionsBench(service);
  } finally {
    await service.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
