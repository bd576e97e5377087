// The queue's tasks without a server: what a worker computes from a task's JSON must be what a local run computes,
// bit for bit (the Redis transport itself is tested in queue.test.ts). Also the URL rules and the JSON encoding.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEnsemble, type EnsembleRemote } from '../../src/montecarlo/ensemble.ts';
import { replicateLineParser } from '../../src/montecarlo/checkpoint.ts';
import {
  criticalLossDesign,
  driveOverloadDesignAsync,
  simulatedCriticalLoss,
} from '../../src/cascade/overload-threshold.ts';
import {
  computeTask,
  decodeJson,
  encodeJson,
  overloadTasks,
  overloadTimelineFamily,
  TaskRefused,
  type EnsembleTaskResult,
  type OverloadTaskResult,
  type RunsTaskResult,
} from '../../src/queue/tasks.ts';
import { runsFingerprint } from '../../src/montecarlo/study-shard.ts';
import { parseRedisUrl } from '../../src/queue/redis.ts';
import { defaultEnsembleChunk } from '../../src/queue/coordinator.ts';
import { skype2007OverloadParams, withOverloadParams } from '../../src/models/overload-params.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-tasks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A remote executor that runs the tasks in this process, in reverse chunk order, through their JSON. */
function inProcessRemote(chunk: number, before?: () => void): EnsembleRemote {
  return {
    async run(job, todo, done) {
      before?.();
      const viaJson = JSON.parse(JSON.stringify(job)) as typeof job; // what BullMQ stores and hands over
      const parse = replicateLineParser(viaJson.experiment, viaJson.fingerprint, (w) => new Error(w));
      const chunks = [...new Set(todo.map((r) => Math.floor(r / chunk)))].reverse();
      for (const c of chunks) {
        const rs = todo.filter((r) => Math.floor(r / chunk) === c);
        const res = (await computeTask({ kind: 'ensemble', v: 1, job: viaJson, rs })) as EnsembleTaskResult;
        res.lines.forEach((l) => done(parse(l, 'line').result));
      }
    },
  };
}

describe('queue tasks', () => {
  it('ensemble tasks computed from their JSON reduce to the local result bit for bit (random spec, lattice, file)', async () => {
    const file = join(dir, 'g.edges');
    writeFileSync(
      file,
      Array.from({ length: 300 }, (_, i) => `${i} ${(i + 1) % 300}\n${i} ${(i + 2) % 300}`).join('\n') + '\n',
    ); // ring with chords
    for (const graph of ['er:n=1000,k=4', 'square:L=12', `edges:${file}`]) {
      const opts = { graph, runs: 4, seed: 4, at: [0.6], bootstrap: 20, grid: [0, 0.25, 0.5, 0.75, 1] };
      const local = await runEnsemble(opts);
      const queued = await runEnsemble({ ...opts, remote: inProcessRemote(2) });
      expect(queued).toEqual(local);
    }
  });

  it('a worker refuses a graph file that differs from the coordinator’s, naming the file', async () => {
    const file = join(dir, 'h.edges');
    writeFileSync(file, '0 1\n1 2\n2 3\n3 0\n');
    const run = runEnsemble({
      graph: `edges:${file}`,
      runs: 2,
      seed: 1,
      remote: inProcessRemote(1, () => writeFileSync(file, '0 1\n1 2\n2 3\n3 0\n0 2\n')),
    });
    await expect(run).rejects.toThrow(TaskRefused);
    await expect(
      runEnsemble({
        graph: `edges:${file}`,
        runs: 2,
        seed: 1,
        remote: inProcessRemote(1, () => writeFileSync(file, '0 1\n')),
      }),
    ).rejects.toThrow(
      new RegExp(
        `graph file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} on this worker differs from the coordinator's`,
      ),
    );
  });

  it('a remote run refuses graph objects and custom orders before any work', async () => {
    const remote = inProcessRemote(1);
    await expect(runEnsemble({ graph: 'er:n=100,k=2', runs: 2, order: [0, 1], remote })).rejects.toThrow(/order/);
    await expect(
      runEnsemble({
        graph: () => {
          throw new Error('never');
        },
        runs: 2,
        remote,
      } as never),
    ).rejects.toThrow(/graph: .*a graph spec string when the replicates are computed remotely/);
  });

  it('overload tasks computed from their JSON give the local design, round for round', async () => {
    const input = { scale: 0.005 };
    const options = { seed: 2, batch: 4, maxRuns: 12 }; // 3 rounds of 4 runs
    const local = simulatedCriticalLoss(input, options);
    const queued = await driveOverloadDesignAsync(criticalLossDesign(input, options), async (batch) => {
      const tasks = overloadTasks(batch);
      expect(new Set(tasks.map((t) => t.id)).size).toBe(batch.runs.length); // one key per run
      return Promise.all(
        tasks.map(
          async (t) => ((await computeTask(JSON.parse(JSON.stringify(t.task)))) as OverloadTaskResult).collapsed,
        ),
      );
    });
    expect(queued).toEqual(local);
    expect(local.runs).toBeGreaterThanOrEqual(8); // at least two rounds went through the queue
  });

  it("runs tasks (a run family) computed from their JSON give the family's values; a tampered identity or an unknown family is refused", async () => {
    const family = overloadTimelineFamily(
      'simulation',
      withOverloadParams(skype2007OverloadParams, { durationHours: 0.5 }),
      0.02,
      5,
      3,
    );
    const fingerprint = runsFingerprint(family.family, family.identity);
    const task = JSON.parse(
      JSON.stringify({ kind: 'runs', v: 1, family: family.family, identity: family.identity, fingerprint, rs: [2, 0] }),
    );
    const res = (await computeTask(task)) as RunsTaskResult;
    expect(JSON.stringify(res.values)).toBe(JSON.stringify(await family.compute([2, 0])));
    // run r depends on r only: computed alone or in a batch, the same value
    expect(JSON.stringify((await family.compute([0]))[0])).toBe(JSON.stringify(res.values[1]));
    await expect(computeTask({ ...task, identity: { ...task.identity, seed: 6 } })).rejects.toThrow(
      /runs task: the fingerprint does not match its identity/,
    );
    await expect(
      computeTask({ ...task, family: 'nope', fingerprint: runsFingerprint('nope', task.identity) }),
    ).rejects.toThrow(TaskRefused);
    await expect(computeTask({ ...task, rs: [-1] })).rejects.toThrow(/not non-negative integers/);
  });

  it('JSON keeps Infinity, NaN and capacity laws (by their spec)', () => {
    const p = skype2007OverloadParams; // burstFactor Infinity (no burst rule), a uniform headroom law
    const back = decodeJson<typeof p>(encodeJson(p));
    expect(p.burstFactor).toBe(Infinity);
    expect(back.burstFactor).toBe(Infinity);
    expect(back.headroom.spec).toBe(p.headroom.spec);
    expect(back.headroom.quantile(0.3)).toBe(p.headroom.quantile(0.3));
    expect(encodeJson(back)).toBe(encodeJson(p));
    expect(Number.isNaN(decodeJson<{ x: number }>(encodeJson({ x: NaN })).x)).toBe(true);
    expect(decodeJson<{ x: number }>(encodeJson({ x: -Infinity })).x).toBe(-Infinity);
  });

  it('Redis URLs: the accepted forms, and one message naming the option for the rest', () => {
    expect(parseRedisUrl('--queue', 'redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(parseRedisUrl('--queue', 'redis://u:p%40ss@127.0.0.1:7000/3')).toMatchObject({
      username: 'u',
      password: 'p@ss',
      port: 7000,
      db: 3,
    });
    expect(parseRedisUrl('--redis', 'rediss://[::1]:6380')).toMatchObject({ host: '::1', port: 6380, tls: {} });
    for (const bad of [
      '127.0.0.1:6379',
      'http://127.0.0.1:6379',
      'redis://',
      'redis://h:0',
      'redis://h:6379/x',
      'redis://h:6379/2000',
      'redis://h/0?x=1',
    ]) {
      expect(() => parseRedisUrl('--queue', bad)).toThrow(
        /^--queue: .* is not allowed; expected a Redis URL redis:\/\//,
      );
    }
  });

  it('chunk size: about 1e5 node-sweeps per task, 1 to 100 replicates', () => {
    expect([
      defaultEnsembleChunk(undefined),
      defaultEnsembleChunk(100),
      defaultEnsembleChunk(2000),
      defaultEnsembleChunk(1e5),
      defaultEnsembleChunk(1e6),
    ]).toEqual([1, 100, 50, 1, 1]);
  });
});
