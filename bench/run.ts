/**
 * `npm run bench` — fragility side by side with graph-tool, python-igraph, networkx and graphology-metrics.
 *
 * Options: `--quick` (small sizes, a smoke test), `--only NAME[,NAME]` (workload names: er, site, bond, read, e2e, ensemble,
 * cli, attack, betweenness, betweenness-sampled, motter-lai, analytic, mp, two-tier, overload, fluid, queue, explorer, huge; or row ids such
 * as site-1e6),
 * `--out FILE` (report path). The full run writes bench/RESULTS.md; --quick and --only write
 * bench/out/RESULTS-quick.md / RESULTS-partial.md unless --out is given. Exit code 1 when any result disagrees with a
 * peer or a workload errors.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/atomic-write.ts';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensurePeers, runFragilityChild } from './lib/child.ts';
import { consoleTable, markdownReport, type MachineInfo } from './lib/report.ts';
import { workloads, type Row } from './workloads/index.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyIdx = argv.indexOf('--only');
const only = onlyIdx >= 0 ? (argv[onlyIdx + 1] ?? '').split(',').filter(Boolean) : null;
const outIdx = argv.indexOf('--out');
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = `${benchDir}out`;
mkdirSync(outDir, { recursive: true });
const reportPath =
  outIdx >= 0
    ? argv[outIdx + 1]
    : quick
      ? `${outDir}/RESULTS-quick.md`
      : only
        ? `${outDir}/RESULTS-partial.md`
        : `${benchDir}RESULTS.md`;
const log = (s: string) => process.stderr.write(`${s}\n`);

const t0 = Date.now();
const versions = ensurePeers(log);
versions['graphology-metrics'] = (
  createRequire(import.meta.url)('graphology-metrics/package.json') as { version: string }
).version;
let npmVersion = '?';
try {
  npmVersion = execSync('npm --version', { encoding: 'utf8' }).trim();
} catch {
  /* npm not on PATH */
}
let cpu = cpus()[0]?.model ?? '?';
try {
  const m = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  if (m) cpu = m[1].trim();
} catch {
  /* not Linux */
}
const machine: MachineInfo = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cpu,
  cores: cpus().length,
  memoryGB: totalmem() / 2 ** 30,
  node: process.version,
  npm: npmVersion,
  versions,
  loadStart: loadavg(),
  command: `npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}`,
};
log(
  `fragility bench${quick ? ' (quick)' : ''}: ${machine.cpu}, ${machine.cores} cores; load ${machine.loadStart.map((x) => x.toFixed(1)).join(' ')}`,
);

try {
  const b = await runFragilityChild('baseline', {}, 0, 1, outDir);
  if (b.skipped === undefined) machine.baselineRssMB = b.maxRssMB;
} catch (e) {
  log(`baseline child failed: ${(e as Error).message}`);
}

const selected = workloads(quick).filter((w) => !only || only.includes(w.name) || only.includes(w.id));
if (only && selected.length === 0) {
  log(`--only ${only.join(',')}: no such workload`);
  process.exit(2);
}
const rows: Row[] = [];
for (const w of selected) {
  log(`[${w.id}]`);
  const ts = Date.now();
  try {
    rows.push(...(await w.run({ quick, out: outDir, log })));
  } catch (e) {
    log(`  ERROR ${(e as Error).message}`);
    rows.push({
      id: w.id,
      title: w.id,
      peers: [],
      error: (e as Error).message.split('\n').slice(0, 3).join(' '),
      notes: [],
    });
  }
  log(`  (${((Date.now() - ts) / 1000).toFixed(1)} s)`);
  writeFileAtomic(
    reportPath,
    markdownReport(rows, { ...machine, loadEnd: loadavg(), durationS: (Date.now() - t0) / 1000 }),
  ); // partial, rewritten below
}
machine.loadEnd = loadavg();
machine.durationS = (Date.now() - t0) / 1000;
console.log(consoleTable(rows));
writeFileAtomic(reportPath, markdownReport(rows, machine));
log(`\nwrote ${reportPath} (${(machine.durationS / 60).toFixed(1)} min)`);
const failed = rows.filter((r) => r.error || (r.agreement && !r.agreement.ok));
if (failed.length > 0) {
  log(`FAILED: ${failed.map((r) => r.id).join(', ')}`);
  process.exit(1);
}
