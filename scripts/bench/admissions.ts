import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  benchDatabaseUrl,
  createBenchCentre,
  createBenchOfficer,
  login,
  postgresCpu,
  postgresCpuSince,
  printTable,
  round,
  RunningService,
  summarise,
} from './lib';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Each run first goes this long unmeasured: JIT compilation, connections opened, statements prepared. */
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);

interface NamesFile {
  latin: Record<string, { given: string[]; family: string[] }>;
}
const names = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'test', 'data', 'names.json'), 'utf8'),
) as NamesFile;
const countries = Object.keys(names.latin);
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

function randomPerson() {
  const country = pick(countries);
  const n = names.latin[country];
  const year = 1960 + Math.floor(Math.random() * 45);
  const dob = `${year}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  return {
    givenNames: pick(n.given),
    familyNames: `${pick(n.family)} ${pick(n.family)}`,
    sex: pick(['F', 'M']),
    dateOfBirth: dob,
    nationalities: [country],
    preferredLanguage: 'es',
  };
}

/**
 * The same rows POST /admissions writes, with plain pg in one transaction: person, stay, the admission record's
 * document and outbox rows (with the dispatcher's NOTIFY), and the two audit entries (admission and document
 * request), which the database seals into the centre's chain at commit exactly as it does for the API.
 */
async function baselineAdmission(
  pool: Pool,
  centreId: string,
  actorId: string,
  prepared: boolean,
): Promise<void> {
  const p = randomPerson();
  const c = await pool.connect();
  // Prepared: each statement parsed and planned once per connection, as the service's are (see send).
  const q = (name: string, text: string, values: unknown[]) =>
    c.query(prepared ? { name, text, values } : { text, values });
  try {
    await c.query('BEGIN');
    const person = await q(
      'person',
      `INSERT INTO persons (given_names, family_names, sex, date_of_birth, nationalities, preferred_language, version)
       VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id`,
      [p.givenNames, p.familyNames, p.sex, p.dateOfBirth, p.nationalities, p.preferredLanguage],
    );
    const stay = await q(
      'stay',
      `INSERT INTO stays (person_id, centre_id, admitted_at, admitted_by_id, arrived_at, group_id, medical_screening_due_at, version)
       VALUES ($1, $2, now(), $3, now(), $4, now() + interval '12 hours', 1) RETURNING id`,
      [person.rows[0].id, centreId, actorId, randomUUID()],
    );
    const doc = await q(
      'document',
      `INSERT INTO documents (type, subject_type, subject_id, centre_id, language, requested_by, version)
       VALUES ('admission-record', 'stay', $1, $2, 'es', $3, 1) RETURNING id`,
      [stay.rows[0].id, centreId, actorId],
    );
    await q(
      'outbox',
      `WITH queued AS (INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ($3, 'render', $1, $2))
       SELECT pg_notify($3, $3)`,
      [doc.rows[0].id, JSON.stringify({ documentId: doc.rows[0].id }), BASELINE_QUEUE],
    );
    for (const [action, entityType, entityId] of [
      ['document.request', 'document', doc.rows[0].id],
      ['stay.admit', 'stay', stay.rows[0].id],
    ]) {
      await q(
        'audit',
        `INSERT INTO audit_events (chain, occurred_at, actor_id, actor_role, centre_id, action, entity_type, entity_id, outcome, details, content_hash)
         VALUES ($1, now(), $2, 'intake_officer', $3, $4, $5, $6, 'success', '{}', $7)`,
        [
          `centre:${centreId}`,
          actorId,
          centreId,
          action,
          entityType,
          entityId,
          randomUUID().replace(/-/g, '').padEnd(64, '0'),
        ],
      );
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

/**
 * The baseline's outbox rows (and their NOTIFY) name a queue no dispatcher serves: the service, still running,
 * would otherwise spend the baseline's CPU sending them to Redis. They are deleted afterwards.
 */
const BASELINE_QUEUE = 'bench-baseline';

async function runBaseline(centreId: string, actorId: string, prepared: boolean) {
  const pool = new Pool({ connectionString: benchDatabaseUrl(), max: CONNECTIONS });
  const latencies: number[] = [];
  const start = Date.now() + WARMUP_S * 1000;
  const end = start + DURATION_S * 1000;
  let cpu: { client: NodeJS.CpuUsage; postgres: Map<number, number> } | undefined;
  setTimeout(() => (cpu = { client: process.cpuUsage(), postgres: postgresCpu() }), start - Date.now());
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        await baselineAdmission(pool, centreId, actorId, prepared);
        if (Date.now() >= start) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const client = process.cpuUsage(cpu!.client);
  const cpuPerAdmission = {
    clientCpu: round((client.user + client.system) / 1000 / latencies.length, 2),
    postgresCpu: round(postgresCpuSince(cpu!.postgres) / latencies.length, 2),
  };
  await pool.query(`DELETE FROM outbox WHERE queue = $1`, [BASELINE_QUEUE]);
  await pool.end();
  return { rps: round(latencies.length / DURATION_S, 1), ...summarise(latencies), ...cpuPerAdmission };
}

/**
 * Every admission updates its centre's audit chain head and an outbox row, leaving dead row versions behind. A
 * production server's autovacuum clears them as they come; this machine's PostgreSQL runs with autovacuum off, so
 * each run would otherwise start on the previous runs' leftovers (tens of thousands of dead versions of a few
 * chain heads) and measure slower every time. Vacuumed before every measured run, API and baselines alike.
 */
async function vacuumHotTables(): Promise<void> {
  const pool = new Pool({ connectionString: benchDatabaseUrl(), max: 1 });
  try {
    await pool.query('VACUUM (ANALYZE) audit_chain_heads, outbox, audit_events, stays, documents');
  } finally {
    await pool.end();
  }
}

export async function runAdmissionsBench(service: RunningService) {
  const adminToken = await login(service.url);
  const centreId = await createBenchCentre(
    service.url,
    adminToken,
    `B-${Date.now().toString(36).toUpperCase()}`,
    'Benchmark centre',
  );
  const { id: officerId, token } = await createBenchOfficer(service.url, adminToken, centreId);

  const arrivalAt = new Date(Date.now() - 3600_000).toISOString();
  const load = (duration: number) =>
    autocannon({
      url: service.url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/admissions',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              centreId,
              person: randomPerson(),
              arrival: { at: arrivalAt },
              legalBasis: 'Bench',
            }),
          }),
        },
      ],
    });
  await vacuumHotTables();
  await load(WARMUP_S);
  const [serviceBefore, postgresBefore] = [service.cpuMs(), postgresCpu()];
  const result = await load(DURATION_S);
  const non2xx = result.non2xx;
  const api = {
    rps: round(result.requests.average, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: non2xx + result.errors,
    clientCpu: round((service.cpuMs() - serviceBefore) / result.requests.total, 2),
    postgresCpu: round(postgresCpuSince(postgresBefore) / result.requests.total, 2),
  };
  await vacuumHotTables();
  const baseline = await runBaseline(centreId, officerId, false);
  await vacuumHotTables();
  const preparedBaseline = await runBaseline(centreId, officerId, true);
  const ratio = round(api.rps / baseline.rps, 2);
  const baselineRow = (run: string, b: typeof baseline) => ({
    run,
    'req/s': b.rps,
    'p50 ms': b.p50,
    'p99 ms': b.p99,
    'client CPU ms/req': b.clientCpu,
    'PG CPU ms/req': b.postgresCpu,
  });
  printTable(
    `POST /api/v1/admissions, ${CONNECTIONS} connections, ${DURATION_S} s (after ${WARMUP_S} s unmeasured)`,
    [
      {
        run: 'API (autocannon)',
        'req/s': api.rps,
        'p50 ms': api.p50,
        'p99 ms': api.p99,
        // The client is the service for the API, the plain-pg loop (in this process) for the baselines.
        'client CPU ms/req': api.clientCpu,
        'PG CPU ms/req': api.postgresCpu,
        'non-2xx/errors': api.errors,
      },
      baselineRow('baseline (plain pg, same inserts)', baseline),
      { run: 'ratio API/baseline', 'req/s': ratio },
      // For reference: the baseline with the service's own advantage, statements prepared once per connection.
      baselineRow('baseline, prepared statements', preparedBaseline),
      { run: 'ratio API/prepared baseline', 'req/s': round(api.rps / preparedBaseline.rps, 2) },
    ],
  );
  return { api, baseline, preparedBaseline, ratio };
}
