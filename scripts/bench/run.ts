import { runAdmissionsBench } from './admissions';
import { runDocumentsBench } from './documents';
import {
  BENCH_QUEUE_PREFIX,
  createBenchCentre,
  createBenchOfficer,
  emptyBenchQueue,
  ensureBenchDatabase,
  login,
  startService,
} from './lib';
import { runSearchBench } from './search';
import { seedPersons } from './seed-persons';

const PARTS = ['admissions', 'search', 'documents'] as const;

/**
 * npm run bench [-- admissions|search|documents ...] — drives the built service (the script builds first) on a
 * dedicated database (BENCH_DB, default mcm_bench); with no argument, every part. Seeding 1,000,000 persons
 * is resumable: an interrupted run continues where it stopped.
 */
async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length)
    throw new Error(`unknown bench part(s): ${unknown.join(', ')}; use ${PARTS.join(', ')}`);
  const run = (part: (typeof PARTS)[number]) => asked.length === 0 || asked.includes(part);

  await ensureBenchDatabase();
  if (run('admissions') || run('search')) {
    await emptyBenchQueue(BENCH_QUEUE_PREFIX);
    // Admissions and search against the API alone: at scale the PDF worker runs on its own (see the documents bench).
    const service = await startService({ RUN_WORKERS: 'false' }); // applies migrations on the bench database
    try {
      // Search first: right after the admissions run, autovacuum and checkpoints of its writes would be timed too.
      if (run('search')) {
        const population = await seedPersons();
        // Searched by an intake officer of one centre, as at a real intake desk.
        const admin = await login(service.url);
        const centreId = await createBenchCentre(
          service.url,
          admin,
          `S-${Date.now().toString(36)}`,
          'Search',
        );
        const { token } = await createBenchOfficer(service.url, admin, centreId);
        await runSearchBench(service, token, population);
      }
      if (run('admissions')) await runAdmissionsBench(service);
    } finally {
      await service.stop();
    }
  }
  if (run('documents')) await runDocumentsBench();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
