import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyAuditChains } from '../src/audit/audit-verifier';
import { typeormOptions } from '../src/database/typeorm-options';

/** npm run audit:verify — walks every audit chain; exits 1 naming the first broken entry of each chain. */
async function main(): Promise<void> {
  const dataSource = await new DataSource(typeormOptions()).initialize();
  try {
    const result = await verifyAuditChains(dataSource);
    for (const b of result.breaks) {
      process.stdout.write(
        `BROKEN chain ${b.chain} at entry ${b.seq}${b.entryId ? ` (id ${b.entryId})` : ''}: ${b.reason}\n`,
      );
    }
    process.stdout.write(
      `${result.breaks.length ? 'FAILED' : 'OK'}: ${result.chains} chains, ${result.entries} entries checked\n`,
    );
    process.exitCode = result.breaks.length ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
});
