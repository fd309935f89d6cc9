import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface WorkerProcess {
  child: ChildProcess;
  /** Exit code, or the signal's name (Nest re-raises SIGTERM after its shutdown hooks). */
  exited: Promise<number | string | null>;
  output(): string;
}

/** Starts test/support/test-worker.ts in its own Node process and resolves once it takes jobs. */
export async function startWorkerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<WorkerProcess> {
  const root = join(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(root, 'test', 'support', 'test-worker.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        TS_NODE_TRANSPILE_ONLY: 'true',
        RUN_WORKERS: 'true',
        MIGRATE_ON_START: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('worker ready')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited, output: () => out };
}
