/**
 * The Redis job queue (issue 19): throughput of `fragility worker` processes against a local `--workers` run, and
 * the per-task overhead. Runs in the bench's parent process: it starts a private redis-server (loopback, free port, no
 * persistence), W worker processes (`node --import tsx src/cli/main.ts worker`), and times whole ensembles gathered
 * by a QueueCoordinator (what `sweep --queue` does, without the coordinator's process start-up). Skipped when
 * /usr/bin/redis-server is absent.
 *
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compareFields } from '../lib/agree.ts';
import { speedRatio, summarize } from '../lib/stats.ts';
import { HAS_REDIS, REDIS_SERVER, startRedis } from '../../test/queue/redis-server.ts';
import type { Row, RunContext, Workload } from './index.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
async function startWorkers(url: string, count: number): Promise<ChildProcess[]> {
  const procs = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--redis', url], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          let err = '';
          p.stderr!.on('data', (d) => {
            err += d;
            if (/ready/.test(err)) resolve();
          });
          p.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err.slice(-300)}`)));
        }),
    ),
  );
  return procs;
}

async function stopWorkers(procs: ChildProcess[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null) return resolve();
          p.once('exit', () => resolve());
          p.kill('SIGTERM');
        }),
    ),
  );
}

type EnsembleResultLike = { at: { S: number }[]; gapThreshold: { q_c: number | null } };

/**
 * Queue throughput: R site replicates of ER(n, 4) per ensemble, with 1, 2 and 4 worker processes, against
 * runEnsemble with 1 and 2 local threads in this process; then the per-task overhead from R_o tasks of a 100-node graph.
 */
export function queueWorkload(n: number, runs: number, overheadTasks: number): Workload {
  return {
    name: 'queue',
    id: `queue-${n >= 1e5 ? '1e5' : String(n)}`,
    async run(ctx: RunContext): Promise<Row[]> {
      const title = `queue: ${runs} site replicates of ER n = ${n} per ensemble, 2 worker processes (BullMQ on a local redis-server)`;
      const idOver = 'queue-overhead';
      const titleOver = `queue: per-task overhead, ${overheadTasks} one-replicate tasks on ER n = 100, 1 worker process`;
      if (!HAS_REDIS) {
        return [
          { id: this.id, title, peers: [], skipped: `${REDIS_SERVER} is absent`, notes: [] },
          { id: idOver, title: titleOver, peers: [], skipped: `${REDIS_SERVER} is absent`, notes: [] },
        ];
      }
      const { runEnsemble } = await import('../../src/montecarlo/ensemble.ts');
      const { QueueCoordinator } = await import('../../src/queue/coordinator.ts');
      const opts = { graph: `er:n=${n},k=4`, runs, seed: 1, at: [0.5] };
      const reps = ctx.quick ? 2 : 3;
      const redis = await startRedis();
      const q = await QueueCoordinator.open('--queue', redis.url);
      const results: Record<string, Record<string, unknown>> = {};
      const pick = (r: EnsembleResultLike) => ({ S05: r.at[0].S, gapQc: r.gapThreshold.q_c });
      try {
        const timeIt = async (label: string, fn: () => Promise<EnsembleResultLike>) => {
          ctx.log(`  ${label}`);
          results[label] = pick(await fn()); // warm-up: module loads, JIT, pool start
          const times: number[] = [];
          for (let i = 0; i < reps; i++) {
            const t0 = performance.now();
            results[label] = pick(await fn());
            times.push(performance.now() - t0);
          }
          return summarize(times);
        };
        const local1 = await timeIt('local, 1 thread', () => runEnsemble({ ...opts, workers: 1 }));
        const local2 = await timeIt('local, --workers 2', () => runEnsemble({ ...opts, workers: 2 }));
        const byW: Record<number, ReturnType<typeof summarize>> = {};
        for (const W of [1, 2, 4]) {
          const procs = await startWorkers(redis.url, W);
          try {
            byW[W] = await timeIt(`queue, ${W} worker process${W > 1 ? 'es' : ''}`, () =>
              runEnsemble({ ...opts, remote: q.ensembleRemote(1) }),
            );
          } finally {
            await stopWorkers(procs);
          }
        }
        const row: Row = {
          id: this.id,
          title,
          fragility: byW[2],
          peers: [
            { name: 'queue, 1 worker process', summary: byW[1], ratio: speedRatio(byW[1].median, byW[2].median) },
            { name: 'queue, 4 worker processes', summary: byW[4], ratio: speedRatio(byW[4].median, byW[2].median) },
            { name: 'local, --workers 2', summary: local2, ratio: speedRatio(local2.median, byW[2].median) },
            { name: 'local, 1 thread', summary: local1, ratio: speedRatio(local1.median, byW[2].median) },
          ],
          notes: [],
        };
        const labels = Object.keys(results);
        const agreements = labels.slice(1).map((l) => compareFields(results[labels[0]], results[l], ['S05', 'gapQc']));
        const ok = agreements.every((a) => a.ok);
        row.agreement = {
          ok,
          detail: ok
            ? `identical in all ${labels.length} set-ups: ${agreements[0].detail}`
            : agreements
                .filter((a) => !a.ok)
                .map((a) => a.detail)
                .join('; '),
        };
        row.target = {
          text: '2 worker processes ≥ 1.7× the throughput of 1',
          met: byW[1].median / byW[2].median >= 1.7,
        };
        const rate = (s: { median: number }) => (runs / (s.median / 1000)).toFixed(2);
        row.notes.push(
          `replicates per second (median): queue 1 / 2 / 4 processes ${rate(byW[1])} / ${rate(byW[2])} / ${rate(byW[4])}; local 1 thread ${rate(local1)}, --workers 2 ${rate(local2)}. ` +
            `One replicate per task (--chunk 1, the default at n = 1e5); worker start-up not timed; first ensemble of each set-up untimed (warm-up).`,
        );
        // per-task overhead: tiny replicates, one per task, one worker: (queue time − local time) / tasks
        const tiny = { graph: 'er:n=100,k=4', runs: overheadTasks, seed: 1, at: [0.5], grid: [0, 0.5, 1] };
        const lt = await timeIt('overhead: local', () => runEnsemble({ ...tiny, workers: 1 }));
        const procs = await startWorkers(redis.url, 1);
        let qt: Awaited<ReturnType<typeof timeIt>> | undefined;
        try {
          qt = await timeIt('overhead: queue', () => runEnsemble({ ...tiny, remote: q.ensembleRemote(1) }));
        } finally {
          await stopWorkers(procs);
        }
        const per = (qt.median - lt.median) / overheadTasks;
        const over: Row = {
          id: idOver,
          title: titleOver,
          fragility: qt,
          peers: [{ name: 'local, 1 thread', summary: lt, ratio: speedRatio(lt.median, qt.median) }],
          notes: [
            `per-task overhead ${per.toFixed(2)} ms (queue median − local median, over ${overheadTasks} tasks): add, fetch, lock, complete, event, remove`,
          ],
          agreement: compareFields(results['overhead: local'], results['overhead: queue'], ['S05', 'gapQc']),
        };
        return [row, over];
      } finally {
        await q.close();
        await redis.stop();
      }
    },
  };
}
