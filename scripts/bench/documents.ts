import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { documentsConfig } from '../../src/config/documents.config';
import { DocumentRenderer } from '../../src/documents/rendering/document-renderer';
import { FontLibrary } from '../../src/documents/rendering/fonts';
import { releaseCertificateTemplate, ReleaseCertificateViewModel } from '../../templates/release-certificate';
import {
  benchDatabaseUrl,
  createBenchCentre,
  createBenchOfficer,
  emptyBenchQueue,
  ensureBenchDatabase,
  login,
  printTable,
  ROOT,
  round,
  RunningService,
  startService,
  summarise,
} from './lib';

const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 300);
const RATE_PER_S = 20;
const LOAD_SECONDS = Number(process.env.BENCH_DURATION_S ?? 10);
// Every audited write of one centre takes that centre's audit-chain lock; 20 requests/s into one centre is a
// stress case, so the headline figure spreads them over a few centres (the one-centre figure is printed too).
const SPREAD_CENTRES = 4;
/** Its own queue prefix, so the jobs it times never wait behind what the admissions run left queued. */
const DOCUMENTS_BENCH_PREFIX = 'bench-documents';

/** A release certificate that fills two A4 pages; `unicode` puts names in Arabic, Bengali and Chinese script. */
function twoPageCertificate(unicode: boolean): ReleaseCertificateViewModel {
  const items = Array.from({ length: 34 }, (_, i) => ({
    description:
      unicode && i % 3 === 0 ? `Телефон ${i} / 手机 ${i}` : `Teléfono móvil, cargador y funda ${i}`,
    quantity: 1 + (i % 3),
    condition: 'bueno',
    seal: `S-${String(i).padStart(4, '0')}`,
  }));
  return {
    person: {
      personId: '6d3c2c1e-8f57-4a51-9d1e-0a6f0f4b7f11',
      fullName: unicode ? 'Mohammad Haddad' : 'José Luis Hernández Mejía',
      originalScriptName: unicode ? 'محمد حداد · মোহাম্মদ রহিম উদ্দিন · 王伟' : null,
      sex: 'M',
      dateOfBirth: '1990-05-17',
      dateOfBirthEstimated: false,
      nationalities: ['SY'],
    },
    centre: {
      name: 'Estación Migratoria Siglo XXI',
      code: 'TAP-01',
      regime: 'detention',
      address: 'Tapachula, Chiapas',
      timeZone: 'America/Mexico_City',
    },
    stay: {
      id: '0b8f9d4e-52a4-4c36-9a55-3cf0f8a6d2a1',
      admittedAt: '2026-11-20T14:05:00Z',
      releasedAt: '2026-11-21T16:30:00Z',
      legalBasis: 'Oficio INM/123/2026',
      authorisedBy: 'Directora del centro',
      destination: 'FAMILY',
    },
    identity: {
      documents: [
        {
          type: 'passport',
          issuingCountry: 'HN',
          numberMasked: '••••4567',
          checkMethod: 'security_features',
        },
      ],
      photos: 1,
      biometricReferences: 0,
      distinguishingMarks: 1,
      wristband: true,
      verifications: [
        { methods: ['wristband', 'photo'], result: 'MATCH', at: '2026-11-21T16:10:00Z' },
        { methods: ['wristband'], result: 'MATCH', at: '2026-11-21T16:20:00Z' },
      ],
    },
    returned: { items, cash: [{ currency: 'HNL', amountMinor: 125050 }] },
  };
}

async function renderFigures(renderer: DocumentRenderer, unicode: boolean) {
  const vm = twoPageCertificate(unicode);
  const request = {
    template: releaseCertificateTemplate,
    viewModel: vm,
    language: 'es',
    documentNumber: 'D-000123',
    centreName: vm.centre.name,
    timeZone: vm.centre.timeZone,
    issuedAt: new Date(),
    verifyUrl: 'http://localhost:3000/api/v1/documents/verify?id=0b8f9d4e-52a4-4c36-9a55-3cf0f8a6d2a1&sig=x',
    verifyBase: 'http://localhost:3000/api/v1/documents/verify',
  };
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < 30; i++) await renderer.render(request); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RENDER_RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const out = await renderer.render(request);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    pages = out.pageCount;
    bytes = out.pdf.length;
  }
  return {
    fonts: unicode ? 'embedded Unicode' : 'standard',
    pages,
    kB: round(bytes / 1024, 1),
    ...summarise(samples),
  };
}

/** Document requests (POST /documents) at 20 per second over `centreCount` centres, through the running service. */
async function queueToReady(service: RunningService, centreCount: number) {
  const adminToken = await login(service.url);
  const centreIds: string[] = [];
  const tokens: string[] = [];
  for (let c = 0; c < centreCount; c++) {
    const centreId = await createBenchCentre(
      service.url,
      adminToken,
      `D-${Date.now().toString(36).toUpperCase()}-${c}`,
      `Benchmark documents centre ${c}`,
    );
    centreIds.push(centreId);
    tokens.push((await createBenchOfficer(service.url, adminToken, centreId)).token);
  }

  // Setup, not timed: a few stays per centre (each admission also queues its own record, drained before timing).
  const admit = async (i: number): Promise<string> => {
    const res = await fetch(`${service.url}/api/v1/admissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % centreCount]}` },
      body: JSON.stringify({
        centreId: centreIds[i % centreCount],
        person: {
          givenNames: i % 4 === 0 ? 'Fatima' : 'Ana María',
          familyNames: `López ${i}`,
          nameOriginalScript: i % 4 === 0 ? 'فاطمة العلي' : undefined,
          sex: 'F',
          dateOfBirth: '1994-03-02',
          nationalities: ['HN'],
          preferredLanguage: i % 2 ? 'es' : 'en',
        },
        arrival: { at: new Date(Date.now() - 3600_000).toISOString(), place: 'Bench', broughtBy: 'Bench' },
        legalBasis: 'Ley de Migración, art. 99',
      }),
    });
    if (res.status !== 201) throw new Error(`bench admission: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const stays: string[] = [];
  for (let i = 0; i < centreCount * 5; i++) stays.push(await admit(i));
  await new Promise((r) => setTimeout(r, 3_000));

  // Timed: POST /documents at a steady 20 per second, open loop.
  const ask = async (i: number): Promise<string> => {
    const res = await fetch(`${service.url}/api/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % centreCount]}` },
      body: JSON.stringify({ type: 'admission-record', subjectId: stays[i % stays.length] }),
    });
    if (res.status !== 202) throw new Error(`bench document: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const total = RATE_PER_S * LOAD_SECONDS;
  const started = Date.now();
  const pending: Promise<string | null>[] = [];
  const errors: Error[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE_PER_S;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    pending.push(ask(i).catch((e: Error) => (errors.push(e), null)));
  }
  const ids = await Promise.all(pending);
  if (errors.length) throw errors[0];

  const db = new Client({ connectionString: benchDatabaseUrl() });
  await db.connect();
  try {
    const query = `SELECT status, extract(epoch FROM ready_at - requested_at) * 1000 AS ms FROM documents
                   WHERE id = ANY($1)`;
    const deadline = Date.now() + 60_000;
    let rows: Array<{ status: string; ms: number | null }> = [];
    do {
      await new Promise((r) => setTimeout(r, 250));
      rows = (await db.query(query, [ids])).rows;
    } while (rows.some((r) => r.status !== 'READY' && r.status !== 'FAILED') && Date.now() < deadline);
    const ready = rows.filter((r) => r.status === 'READY').map((r) => Number(r.ms));
    return {
      rate: `${RATE_PER_S}/s`,
      centres: centreCount,
      requested: total,
      ready: ready.length,
      ...summarise(ready),
    };
  } finally {
    await db.end();
  }
}

/** `npm run start:worker` beside the API: the scale path, rendering on the second core. */
function startWorkerProcess(): { stop(): Promise<void> } {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: benchDatabaseUrl(),
      QUEUE_PREFIX: DOCUMENTS_BENCH_PREFIX,
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Render figures in this process; queue-to-READY against the built service, first with the worker inside the API
 * (the default), then with the API not rendering and one `npm run start:worker` process.
 * With `service` given (npm run bench), only the default deployment is measured, on that service.
 */
export async function runDocumentsBench(service?: RunningService) {
  const renderer = new DocumentRenderer(new FontLibrary(documentsConfig().fontDirs));
  const render = [await renderFigures(renderer, false), await renderFigures(renderer, true)];
  printTable('Documents: render time of a 2-page release certificate (ms)', render);

  const latency: Array<Record<string, unknown>> = [];
  if (service) {
    latency.push({ worker: 'in the API process', ...(await queueToReady(service, SPREAD_CENTRES)) });
  } else {
    await ensureBenchDatabase();
    await emptyBenchQueue(DOCUMENTS_BENCH_PREFIX);
    const api = await startService({ QUEUE_PREFIX: DOCUMENTS_BENCH_PREFIX });
    try {
      latency.push({ worker: 'in the API process', ...(await queueToReady(api, 1)) });
      latency.push({ worker: 'in the API process', ...(await queueToReady(api, SPREAD_CENTRES)) });
    } finally {
      await api.stop();
    }
    const apiOnly = await startService({ RUN_WORKERS: 'false', QUEUE_PREFIX: DOCUMENTS_BENCH_PREFIX });
    const worker = startWorkerProcess();
    try {
      latency.push({ worker: 'separate worker process', ...(await queueToReady(apiOnly, SPREAD_CENTRES)) });
    } finally {
      await worker.stop();
      await apiOnly.stop();
    }
  }
  printTable('Documents: queue-to-READY latency at 20 document requests/s (ms)', latency);
  return { render, latency };
}

if (require.main === module) {
  runDocumentsBench().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
