/**
 * Child-process entry of the benchmark: runs one fragility task and prints one line
 * `BENCH-RESULT {"times": [...], "result": {...}, "maxRssMB": ..., ...}` (or `{"skipped": "..."}`).
 * Started by bench/lib/child.ts as `node --expose-gc --import tsx bench/fragility-child.ts '<json>'`.
 */
import { FunctionUnavailable } from './lib/resolve.ts';
import { TASKS } from './workloads/tasks.ts';

const req = JSON.parse(process.argv[2]) as {
  task: string;
  params: Record<string, number | string>;
  warmup: number;
  reps: number;
  out: string;
};
const task = TASKS[req.task];
if (!task) throw new Error(`unknown task ${req.task}`);
try {
  const out = await task(req.params, { plan: { warmup: req.warmup, reps: req.reps }, out: req.out });
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(`BENCH-RESULT ${JSON.stringify({ ...out, maxRssMB })}`);
} catch (e) {
  if (e instanceof FunctionUnavailable) console.log(`BENCH-RESULT ${JSON.stringify({ skipped: e.message })}`);
  else throw e;
}
