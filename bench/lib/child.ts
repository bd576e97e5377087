/**
 * Parent side of the child processes: fragility tasks (a fresh Node process each, for its own peak RSS) and the
 * Python peers (/usr/bin/python3 bench/peers.py).
 *
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TaskOutput } from '../workloads/tasks.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PYTHON = '/usr/bin/python3';

/** A fragility task's output as seen by the parent. */
export type ChildOutput = (TaskOutput & { maxRssMB: number; skipped?: undefined }) | { skipped: string };

/** One peer run: seconds converted to milliseconds. */
export interface PeerOutput {
  peer: string;
  version: string;
  times: number[];
  /** CPU milliseconds (user + system, all threads) of the same runs. */
  cpu: number[];
  result: Record<string, unknown>;
  maxRssMB: number;
}

function run(
  cmd: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: BENCH_DIR + '/..', stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Run one fragility task in a child Node process (with --expose-gc, through tsx).
 *
 * @param task - task name (see TASKS in workloads/tasks.ts).
 * @param params - task parameters.
 * @param warmup - untimed warm-up repetitions.
 * @param reps - timed repetitions.
 * @param out - output directory.
 * @param timeoutMs - kill the child after this long.
 * @returns the task output with the child's peak RSS, or `{ skipped }`.
 */
export async function runFragilityChild(
  task: string,
  params: Record<string, number | string>,
  warmup: number,
  reps: number,
  out: string,
  timeoutMs = 600_000,
): Promise<ChildOutput> {
  const req = JSON.stringify({ task, params, warmup, reps, out });
  const r = await run(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', `${BENCH_DIR}fragility-child.ts`, req],
    timeoutMs,
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
  if (r.code !== 0 || !line)
    throw new Error(`fragility task ${task} failed (exit ${r.code}):\n${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('BENCH-RESULT '.length)) as ChildOutput;
}

/**
 * Run one peer workload of bench/peers.py.
 *
 * @param workload - the peers.py workload name.
 * @param args - its arguments (before WARMUP REPS).
 * @param warmup - untimed warm-up calls.
 * @param reps - timed calls.
 * @param timeoutMs - kill after this long.
 * @returns the peer's output with times in milliseconds.
 */
export async function runPeer(
  workload: string,
  args: (string | number)[],
  warmup: number,
  reps: number,
  timeoutMs = 600_000,
): Promise<PeerOutput> {
  const r = await run(
    PYTHON,
    [`${BENCH_DIR}peers.py`, workload, ...args.map(String), String(warmup), String(reps)],
    timeoutMs,
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{'))
    throw new Error(`peer ${workload} failed (exit ${r.code}):\n${r.stderr.slice(-2000)}`);
  const o = JSON.parse(line) as PeerOutput;
  o.times = o.times.map((s) => s * 1000);
  o.cpu = (o.cpu ?? []).map((s) => s * 1000);
  return o;
}

/** Debian packages of the peers, by Python module. */
export const PEER_PACKAGES: Record<string, string> = {
  graph_tool: 'python3-graph-tool',
  igraph: 'python3-igraph',
  networkx: 'python3-networkx',
};

/**
 * Check that /usr/bin/python3 imports every peer; install the missing Debian packages with apt-get (as root).
 *
 * @param log - progress output.
 * @returns the peers' versions (null for a peer still missing) and the Python version.
 */
export function ensurePeers(log: (s: string) => void): Record<string, string | null> {
  const missing = Object.keys(PEER_PACKAGES).filter(
    (m) => spawnSync(PYTHON, ['-c', `import ${m}`], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length > 0) {
    const pkgs = missing.map((m) => PEER_PACKAGES[m]);
    log(`installing peers: ${pkgs.join(' ')}`);
    const isRoot = process.getuid?.() === 0;
    const apt = (args: string[]) =>
      spawnSync(isRoot ? 'apt-get' : 'sudo', isRoot ? args : ['apt-get', ...args], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (apt(['install', '-y', '--no-install-recommends', ...pkgs]).status !== 0) {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', ...pkgs]);
    }
  }
  const v = spawnSync(PYTHON, [`${BENCH_DIR}peers.py`, 'versions'], { encoding: 'utf8' });
  const versions =
    v.status === 0 ? (JSON.parse(v.stdout.trim().split('\n').pop()!) as Record<string, string | null>) : {};
  const still = ['graph-tool', 'python-igraph', 'networkx'].filter((k) => !versions[k]);
  if (still.length > 0)
    log(
      `WARNING: peers missing after installation: ${still.join(', ')} — their workloads will fail the agreement check`,
    );
  return versions;
}
