// The Redis job queue (issue 19) against a real redis-server on 127.0.0.1 and a free port (test/queue/redis-server.ts):
// worker processes, one killed with SIGKILL holding a task; a coordinator process killed and restarted; the overload
// threshold design round by round; bad URLs and an unreachable server. Worker processes are children (they must be
// killable); coordinators and the local reference runs go through main(argv) in this process (test/cli/run-main.ts)
// to save process start-ups (≈ 1–3 s of CPU each on a loaded machine). This process and every child load
// test/queue/loopback-guard.mjs, which records any connection or DNS lookup to anything but 127.0.0.1; the last test
// asserts there was none. Needs /usr/bin/redis-server (Debian's redis-server; CI installs it): without it the suite fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/cli-run.ts';
import { runMain } from '../cli/run-main.ts';
import { HAS_REDIS, REDIS_SERVER, type RedisHandle, freePort, startRedis } from './redis-server.ts';

const GUARD = join(ROOT, 'test/queue/loopback-guard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'fragility-queue-'));
// The survivors' task gate (src/queue/worker.ts, tokenGate): open (a file `open`) except in the restart test, which
// hands out exactly two tokens so that its first coordinator is killed with 2 of its 12 replicates done, whatever the
// load of the machine.
const gate = join(dir, 'gate');
mkdirSync(gate);
writeFileSync(join(gate, 'open'), '');
const netLog = join(dir, 'net.log');
writeFileSync(netLog, '');
process.env.FRAGILITY_NET_LOG = netLog;
await import(GUARD); // this process too

interface Proc {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number>;
}

function start(args: string[], env: Record<string, string> = {}): Proc {
  const proc = spawn(process.execPath, ['--import', GUARD, 'bin/fragility.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, FRAGILITY_NET_LOG: netLog, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  return { proc, stdout: () => out, stderr: () => err, exit };
}

async function until(what: string, cond: () => boolean, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('queue with a real Redis server', () => {
  let redis: RedisHandle;
  const workers: Proc[] = [];
  // one experiment for the worker-kill and the coordinator-restart runs
  const SWEEP = [
    'sweep',
    '--graph',
    'er:n=20000,k=4',
    '--runs',
    '12',
    '--seed',
    '5',
    '--grid-points',
    '51',
    '--bootstrap',
    '50',
    '--q',
    '0.5',
    '--json',
  ];
  // the 2010 scenario with 1-h runs (a collapse comes within the first hour): the fluid solve, done three times below,
  // and the runs cost a third of the default 3 h
  const scenario = join(dir, 'skype-2010-1h.json');
  const OVERLOAD = ['overload-threshold', scenario, '--scales', '0.005', '--max-runs', '24', '--seed', '3', '--json'];
  let localSweep = '';
  // The victim (60 s per task, no gate) is gone after the worker-kill test; a test that needs only the gated survivors
  // removes it when run alone (-t).
  const removeVictim = async () => {
    if (workers[0].proc.exitCode === null) {
      workers[0].proc.kill('SIGKILL');
      await workers[0].exit;
    }
  };

  beforeAll(async () => {
    // required, not skipped: without the server the suite fails here with one line saying what to install
    if (!HAS_REDIS) throw new Error(`${REDIS_SERVER} is absent: apt-get install redis-server (CI installs it)`);
    const printed = await runMain(['scenario', 'skype-2010', '--print-scenario', '--json']);
    const sc = JSON.parse(printed.stdout);
    writeFileSync(
      scenario,
      JSON.stringify({ ...sc, name: 'skype-2010-1h', montecarlo: { ...sc.montecarlo, durationHours: 1 } }),
    );
    redis = await startRedis();
    // the workers start first (their start-up overlaps the local reference run)
    const lock = ['--lock-ms', '3000', '--stalled-ms', '1000', '--verbose'];
    // the victim holds every task it takes for 60 s (lock renewed), so that its kill lands mid-task for certain
    workers.push(start(['worker', '--redis', redis.url, ...lock], { FRAGILITY_TEST_TASK_DELAY_MS: '60000' }));
    // the survivors take 100 ms per task more, so that the restart test can kill its coordinator mid-run
    for (let i = 0; i < 2; i++)
      workers.push(
        start(['worker', '--redis', redis.url, ...lock], {
          FRAGILITY_TEST_TASK_DELAY_MS: '100',
          FRAGILITY_TEST_TASK_GATE: gate,
        }),
      );
    const local = await runMain(SWEEP);
    expect(local.status).toBe(0);
    localSweep = local.stdout;
    await until('the workers', () => workers.every((w) => /ready/.test(w.stderr())));
  }, 90_000);

  afterAll(async () => {
    for (const w of workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bad URL, or a server that does not answer: one line, exit 2, within seconds, nothing started', async () => {
    const closed = await freePort();
    const bad = await runMain(['sweep', '--graph', 'er:n=100,k=2', '--runs', '2', '--queue', 'http://127.0.0.1:6379']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--queue: "http:\/\/127\.0\.0\.1:6379" is not allowed; expected a Redis URL redis:\/\//);
    for (const args of [
      ['sweep', '--graph', 'er:n=100,k=2', '--runs', '2', '--queue', `redis://127.0.0.1:${closed}`],
      ['overload-threshold', '--scales', '0.005', '--queue', `redis://127.0.0.1:${closed}/0`],
      ['worker', '--redis', `redis://127.0.0.1:${closed}/0`],
    ]) {
      const r = await runMain(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.ms).toBeLessThan(6000); // connect timeout 5 s; a refused port fails at once
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        /(--queue|--redis): "redis:\/\/127\.0\.0\.1:\d+\/?0?" is not allowed; expected a reachable Redis server .*ECONNREFUSED/,
      );
    }
  }, 30_000);

  it('3 workers, one killed with SIGKILL holding a task: the queued sweep prints the local JSON byte for byte', async () => {
    const victim = workers[0];
    const coord = runMain([...SWEEP, '--queue', redis.url, '--chunk', '1']);
    await until('the victim to take a task', () => /started/.test(victim.stderr()));
    victim.proc.kill('SIGKILL');
    expect(await victim.exit).toBe(128);
    expect(victim.stderr()).not.toMatch(/ms\n/); // it finished no task
    const c = await coord;
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toBe(localSweep);
    expect(JSON.parse(c.stdout).runs).toBe(12);
    // --json with stderr not a terminal: no progress lines (the progress rule of docs/CLI.md)
    expect(c.stderr).not.toMatch(/\d+\/12 replicates/);
    // the survivors computed all 12 tasks, the one the victim held included (after its lock expired)
    const done = workers.slice(1).map((w) => (w.stderr().match(/ensemble task .* \d+ ms/g) ?? []).length);
    // (at least: a survivor whose replicate outlasts --lock-ms on a loaded machine loses its lock, and the task runs
    // again elsewhere: at-least-once, same numbers)
    expect(done[0] + done[1]).toBeGreaterThanOrEqual(12);
  }, 60_000);

  it('a coordinator process killed and restarted with --checkpoint --resume gives the local result', async () => {
    const ck = join(dir, 'ck.ndjson');
    const args = [...SWEEP, '--queue', redis.url, '--chunk', '1', '--checkpoint', ck];
    // No timing assumption: the survivors compute exactly two tasks (two gate tokens), so the first coordinator can
    // write two replicates and no more before it is killed (it once finished, or nearly, before a 25-ms poll noticed
    // its second line on a loaded machine).
    await removeVictim();
    unlinkSync(join(gate, 'open'));
    let first: Proc | undefined;
    try {
      writeFileSync(join(gate, 'token-1'), '');
      writeFileSync(join(gate, 'token-2'), '');
      first = start(args);
      const lines = () =>
        existsSync(ck)
          ? readFileSync(ck, 'utf8')
              .split('\n')
              .filter((l) => l.includes('"replicate"')).length
          : 0;
      const f = first;
      await until('two replicates in the checkpoint', () => lines() >= 2 || f.proc.exitCode !== null, 120_000);
      expect(first.proc.exitCode, first.stderr()).toBe(null); // still waiting for its other ten tasks
      first.proc.kill('SIGKILL');
      await first.exit;
      const kept = lines();
      // killed mid-run: the two tasks the gate let through (more only if a job of the same id, left completed in Redis
      // by an earlier run, was delivered at once)
      expect(kept).toBeGreaterThanOrEqual(2);
      expect(kept).toBeLessThan(12);
      writeFileSync(join(gate, 'open'), '');
      const again = await runMain([...args, '--resume']);
      expect(again.status, again.stderr).toBe(0);
      const a = JSON.parse(again.stdout);
      expect(a.resumed).toBeGreaterThanOrEqual(kept);
      // `resumed` says how many replicates came from the checkpoint; everything else is the local run's, byte for byte
      expect(JSON.stringify({ ...a, resumed: 0 })).toBe(localSweep.trim());
    } finally {
      if (first && first.proc.exitCode === null) first.proc.kill('SIGKILL');
      writeFileSync(join(gate, 'open'), '');
    }
  }, 180_000);

  it('fss --queue prints the local JSON byte for byte (every size an ensemble on the workers)', async () => {
    const FSS = ['fss', '--lattice', 'square', '--sizes', '8,12', '--runs', '6,5', '--seed', '2', '--json'];
    const q = await runMain([...FSS, '--queue', redis.url]);
    expect(q.status, q.stderr).toBe(0);
    const local = await runMain(FSS);
    expect(local.status).toBe(0);
    expect(q.stdout).toBe(local.stdout);
  }, 120_000);

  it('a run family (the calibration simulations) on the workers: the values computed here, in order', async () => {
    const { QueueCoordinator } = await import('../../src/queue/coordinator.ts');
    const { overloadTimelineFamily } = await import('../../src/queue/tasks.ts');
    const { withOverloadParams, skype2010OverloadParams } = await import('../../src/models/overload-params.ts');
    const family = overloadTimelineFamily(
      'simulation',
      withOverloadParams(skype2010OverloadParams, { durationHours: 0.5 }),
      0.003,
      4,
      3,
    );
    const q = await QueueCoordinator.open('--queue', redis.url);
    let values: unknown[];
    try {
      values = await q.runFamily(family);
    } finally {
      await q.close();
    }
    expect(JSON.stringify(values)).toBe(JSON.stringify(await family.compute([0, 1, 2])));
    const ran = workers.slice(1).reduce((k, w) => k + (w.stderr().match(/runs task .* \d+ ms/g) ?? []).length, 0);
    expect(ran).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('a pending task whose job is removed from Redis (by another coordinator) is added again, not waited for', async () => {
    const { QueueCoordinator } = await import('../../src/queue/coordinator.ts');
    const { overloadTimelineFamily } = await import('../../src/queue/tasks.ts');
    const { withOverloadParams, skype2010OverloadParams } = await import('../../src/models/overload-params.ts');
    const { openRedis, QUEUE_NAME } = await import('../../src/queue/redis.ts');
    await removeVictim();
    const family = overloadTimelineFamily(
      'simulation',
      withOverloadParams(skype2010OverloadParams, { durationHours: 0.25 }),
      0.003,
      17, // seed
      3, // runs
    );
    const { bullmq, connection } = await openRedis('--queue', redis.url);
    const raw = new bullmq.Queue(QUEUE_NAME, { connection });
    const q = await QueueCoordinator.open('--queue', redis.url);
    // its events are read from the stream's last entry at open() (a concrete id), not from '$', which misses events
    // written while no XREAD is pending (src/queue/coordinator.ts, open)
    expect((q as unknown as { events: { opts: { lastEventId?: string } } }).events.opts.lastEventId).toMatch(
      /^\d+-\d+$/,
    );
    // gate closed: each survivor takes one task and holds it; the third task waits in the queue, and is removed
    unlinkSync(join(gate, 'open'));
    try {
      const run = q.runFamily(family);
      // both survivors hold a task at the gate, the third waits (polled in Redis, every 25 ms, up to 60 s)
      let waiting: { id?: string }[] = [];
      for (const t0 = Date.now(); Date.now() - t0 < 60_000; await new Promise((r) => setTimeout(r, 25))) {
        const [active, w] = await Promise.all([raw.getJobs(['active']), raw.getJobs(['waiting'])]);
        waiting = w;
        if (active.length === 2 && w.length === 1) break;
      }
      expect(waiting).toHaveLength(1);
      expect(await raw.remove(waiting[0].id!)).toBe(1);
      writeFileSync(join(gate, 'open'), '');
      // without the periodic check of the pending jobs no event ever comes, and this waits for ever
      const values = await run;
      expect(JSON.stringify(values)).toBe(JSON.stringify(await family.compute([0, 1, 2])));
    } finally {
      writeFileSync(join(gate, 'open'), '');
      await q.close();
      await raw.close();
    }
  }, 90_000);

  it('scenario --queue (a small scenario): the run families on the workers, the local JSON (timings aside)', async () => {
    const { smallScenario } = await import('../scenarios/fixtures.ts');
    const s = smallScenario();
    s.montecarlo.durationHours = 6;
    s.montecarlo.collapse.durationHours = 1;
    s.montecarlo.connectivity = { ...s.montecarlo.connectivity, runs: 2, minSupernodes: 200, maxClients: 500 };
    s.montecarlo.metastability = { losses: [0.3], headroomScales: [1], injectionHours: [2] };
    const file = join(dir, 'small-scenario.json');
    writeFileSync(file, JSON.stringify(s));
    const countRuns = () =>
      workers.slice(1).reduce((k, w) => k + (w.stderr().match(/runs task .* \d+ ms/g) ?? []).length, 0);
    const before = countRuns();
    const q = await runMain(['scenario', file, '--seed', '2', '--json', '--queue', redis.url]);
    expect(q.status, q.stderr).toBe(0);
    const local = await runMain(['scenario', file, '--seed', '2', '--json']);
    expect(local.status).toBe(0);
    const { timings: _a, ...a } = JSON.parse(q.stdout);
    const { timings: _b, ...b } = JSON.parse(local.stdout);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // every run of the families went through the workers: timeline 2, collapse 4 × 6, phase 2 × 3 × 1, what-ifs 3 × 1
    expect(countRuns() - before).toBeGreaterThanOrEqual(2 + 24 + 6 + s.whatIf.length);
  }, 150_000);

  it('overload-threshold --queue, coordinator killed after round 0 and restarted: no run recomputed, the local JSON (timing fields aside)', async () => {
    const countRuns = () =>
      workers.slice(1).reduce((k, w) => k + (w.stderr().match(/overload task .* \d+ ms/g) ?? []).length, 0);
    const first = start([...OVERLOAD, '--queue', redis.url, '--progress']); // its round lines tell when to kill it
    await until(
      'round 0 of the first coordinator',
      () => /round 0 done/.test(first.stderr()) || first.proc.exitCode !== null,
    );
    first.proc.kill('SIGKILL');
    await first.exit;
    expect(first.stdout()).toBe(''); // killed before its result
    const q = await runMain([...OVERLOAD, '--queue', redis.url, '--progress']);
    expect(q.status, q.stderr).toBe(0);
    expect(q.stderr).toMatch(/round 0 done \(12 runs on the queue\)/);
    const local = await runMain(OVERLOAD);
    expect(local.status).toBe(0);
    // the timing fields (`seconds` of the fluid solve and of each row) are the only ones allowed to differ
    const strip = (o: unknown): unknown =>
      Array.isArray(o)
        ? o.map(strip)
        : o && typeof o === 'object'
          ? Object.fromEntries(
              Object.entries(o)
                .filter(([k]) => k !== 'seconds')
                .map(([k, v]) => [k, strip(v)]),
            )
          : o;
    const a = JSON.parse(q.stdout);
    const b = JSON.parse(local.stdout);
    expect(JSON.stringify(strip(a))).toBe(JSON.stringify(strip(b)));
    expect(a.rows[0].runs).toBeGreaterThanOrEqual(24);
    // no run of the design was computed twice, except after a lock lost on a loaded machine (a replicate or run that
    // blocked its worker's event loop beyond --lock-ms: BullMQ then reports "Missing lock" and another worker
    // computes the task again): the restarted coordinator took round 0 (and anything the first one had added) from
    // Redis
    const logs = workers
      .slice(1)
      .map((w) => w.stderr())
      .join('');
    const lost = (logs.match(/Missing lock|stalled/gi) ?? []).length;
    expect(
      countRuns(),
      logs
        .split('\n')
        .filter((l) => !/ms$|started$/.test(l))
        .join('\n'),
    ).toBeLessThanOrEqual(a.rows[0].runs + lost);
    expect(countRuns()).toBeGreaterThanOrEqual(a.rows[0].runs);
  }, 150_000);

  it('overload-threshold --threshold-design grid --queue: the grid on the workers, the local JSON (seconds aside)', async () => {
    const GRID = [
      'overload-threshold',
      scenario,
      '--scales',
      '0.005',
      '--threshold-design',
      'grid',
      '--grid-points',
      '5',
      '--grid-runs',
      '4',
      '--seed',
      '4',
      '--json',
    ];
    const q = await runMain([...GRID, '--queue', redis.url, '--progress']); // the round line on stderr
    expect(q.status, q.stderr).toBe(0);
    expect(q.stderr).toMatch(/round 0 done \(20 runs on the queue\)/);
    const local = await runMain(GRID);
    expect(local.status).toBe(0);
    const strip = (o: unknown): unknown =>
      Array.isArray(o)
        ? o.map(strip)
        : o && typeof o === 'object'
          ? Object.fromEntries(
              Object.entries(o)
                .filter(([k]) => k !== 'seconds')
                .map(([k, v]) => [k, strip(v)]),
            )
          : o;
    expect(JSON.stringify(strip(JSON.parse(q.stdout)))).toBe(JSON.stringify(strip(JSON.parse(local.stdout))));
    expect(JSON.parse(local.stdout).rows[0]).toMatchObject({ method: 'probit-grid', runs: 20 });
  }, 120_000);

  it('no process contacted any address other than 127.0.0.1', () => {
    expect(readFileSync(netLog, 'utf8')).toBe('');
  });
});
