import { Agent, get } from 'node:http';
import { Client } from 'pg';
import { benchDatabaseUrl, createBenchCentre, createBenchOfficer, login, startService } from './lib';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const getS = (url: string, token?: string) => new Promise<number>((res, rej) => { get(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (r) => { r.resume(); r.on('end', () => res(r.statusCode!)); }).on('error', rej); });
async function main() {
  const s = await startService({ RUN_WORKERS: 'false' });
  try {
    const admin = await login(s.url);
    const c = await createBenchCentre(s.url, admin, `P-${Date.now().toString(36)}`, 'P');
    const { token } = await createBenchOfficer(s.url, admin, c);
    const db = new Client({ connectionString: benchDatabaseUrl() }); await db.connect();
    const { rows } = await db.query(`SELECT given_names||' '||family_names AS n, to_char(date_of_birth,'YYYY-MM-DD') d FROM persons TABLESAMPLE SYSTEM(1) WHERE date_of_birth IS NOT NULL LIMIT 2000`);
    await db.end();
    for (const path of (process.env.PROBE_PATHS ?? 'dob,health,dob,health').split(',')) {
      const lat: number[] = [];
      for (const r of rows) {
        const u = path === 'dob' ? `${s.url}/api/v1/persons?q=${encodeURIComponent(r.n)}&dateOfBirth=${r.d}` : `${s.url}/health/live`;
        const t = process.hrtime.bigint(); await getS(u, path === 'dob' ? token : undefined); lat.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      const so = [...lat].sort((a, b) => a - b); const p = (q: number) => so[Math.ceil(q * so.length) - 1].toFixed(2);
      const cpu0 = s.cpuMs();
      console.log(path, 'p50', p(0.5), 'p90', p(0.9), 'p95', p(0.95), 'p98', p(0.98), 'p99', p(0.99), 'max', so[so.length - 1].toFixed(1), '>5ms:', lat.filter((x) => x > 5).length, 'cpu so far', cpu0);
    }
  } finally { await s.stop(); }
}
main();
