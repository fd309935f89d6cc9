// temporary profiling harness (not committed)
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createBenchCentre, createBenchOfficer, login, startService } from './lib';
const cpu = (pid: string) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const pgCpu = () =>
  Number(execSync(`ps -u postgres -o cputimes= | awk '{s+=$1} END {print s}'`).toString()) * 1000;
async function main() {
  const service = await startService({
    RUN_WORKERS: 'false',
    ...(process.env.PROF ? { NODE_ARGS_UNUSED: '' } : {}),
    ...(process.env.SVC_DB ? { DATABASE_URL: process.env.SVC_DB } : {}),
  });
  try {
    const admin = await login(service.url);
    const centreId = await createBenchCentre(service.url, admin, `A-${Date.now().toString(36)}`, 'adhoc');
    const { token } = await createBenchOfficer(service.url, admin, centreId);
    const pid = execSync(`pgrep -f 'dist/src/main.js' | head -1`).toString().trim();
    const c0 = cpu(pid);
    const p0 = pgCpu();
    const ME = process.env.ME;
    const r = await autocannon({
      url: service.url,
      connections: Number(process.env.C ?? 10),
      duration: Number(process.env.D ?? 10),
      requests: [
        ME
          ? { method: 'GET', path: ME, headers: { authorization: `Bearer ${token}` } }
          : {
              method: 'POST',
              path: '/api/v1/admissions',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({
                  centreId,
                  person: {
                    givenNames: 'Ana',
                    familyNames: 'Lopez ' + Math.random(),
                    sex: 'F',
                    dateOfBirth: '1990-01-02',
                    nationalities: ['HN'],
                  },
                  arrival: { at: new Date(Date.now() - 3600e3).toISOString() },
                  legalBasis: 'x',
                }),
              }),
            },
      ],
    });
    const n = r.requests.total;
    console.log(
      `${ME ?? 'admissions'}: rps ${r.requests.average} p50 ${r.latency.p50} p99 ${r.latency.p99} non2xx ${r.non2xx} | service CPU ms/req ${((cpu(pid) - c0) / n).toFixed(2)} | pg CPU ms/req ${((pgCpu() - p0) / n).toFixed(2)}`,
    );
  } finally {
    await service.stop();
  }
}
main();
