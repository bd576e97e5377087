#!/usr/bin/env bash
# Run one notebook through *stock* `jupyter nbconvert --execute --to notebook` several times (no custom client, no
# retries) and check that every run keeps every output: each code cell that displays something has an output, every
# plot cell (`await showSvg(`) has its SVG, and all runs give the same outputs (output types and MIME types per cell,
# identical SVG text — the notebooks are seeded).
#
#   bash scripts/notebook-stock-check.sh [NOTEBOOK] [RUNS]     (defaults: notebooks/01-percolation-fundamentals.ipynb, 5)
#
# Writes "PASSED FAILED" (one count per run) to .notebook-stock-results (read by .ci/run); exits non-zero when a run
# failed. Background: Deno's kernel can publish a cell's output after the cell's "idle" status, and nbclient drops
# such output; the notebooks display through showSvg/showMarkdown (src/report/jupyter-display.ts), which avoid it.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export JUPYTER_PATH="$PWD/jupyter"
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
nb=${1:-notebooks/01-percolation-fundamentals.ipynb}
runs=${2:-5}
echo "0 1" > .notebook-stock-results
for tool in jupyter deno; do
  command -v "$tool" >/dev/null || { echo "$tool not found"; exit 1; }
done
out=$(mktemp -d /tmp/fragility-nbstock-XXXXXX)
trap 'rm -rf "$out"' EXIT

pass=0; fail=0
for r in $(seq 1 "$runs"); do
  t0=$(date +%s)
  if ! jupyter nbconvert --execute --to notebook --output "$out/run$r.ipynb" "$nb" >"$out/run$r.log" 2>&1; then
    fail=$((fail + 1)); echo "run $r: nbconvert failed"; tail -20 "$out/run$r.log"; continue
  fi
  if /usr/bin/python3 - "$out/run$r.ipynb" "$out/run1.ipynb" "$r" <<'PY'
import hashlib, json, re, sys
path, first, run = sys.argv[1], sys.argv[2], int(sys.argv[3])
display = re.compile(r'^(await md\(|await showSince\(|await showSvg\(|await showMarkdown\(|jupyterSvg\(|console\.log\(|(await )?Deno\.jupyter\.)', re.M)
plot = re.compile(r'^(await showSvg\(|jupyterSvg\()', re.M)
src = lambda c: ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def summary(p):
    nb = json.load(open(p, encoding='utf-8'))
    cells, problems = [], []
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] != 'code':
            continue
        outs = c.get('outputs', [])
        shape = []
        for o in outs:
            data = o.get('data', {})
            svg = data.get('image/svg+xml')
            if isinstance(svg, list): svg = ''.join(svg)
            shape.append((o['output_type'], tuple(sorted(data)), hashlib.sha256(svg.encode()).hexdigest()[:12] if svg else ''))
            if o['output_type'] == 'error': problems.append(f'cell {i}: error output')
        if display.search(src(c)) and not outs: problems.append(f'cell {i}: no output')
        if plot.search(src(c)) and not any('image/svg+xml' in o.get('data', {}) for o in outs): problems.append(f'cell {i}: plot missing')
        # stream text (timings) may differ between runs: compare its presence, not its text
        cells.append((i, shape))
    return cells, problems

cells, problems = summary(path)
if run > 1:
    ref, _ = summary(first)
    if cells != ref: problems.append('outputs differ from run 1: ' + str([c for c, d in zip(cells, ref) if c != d][:3]))
print('; '.join(problems) if problems else f'{sum(len(s) for _, s in cells)} outputs, {sum(1 for _, s in cells for o in s if "image/svg+xml" in o[1])} plots')
sys.exit(1 if problems else 0)
PY
  then pass=$((pass + 1)); echo "run $r ok ($(( $(date +%s) - t0 )) s)"
  else fail=$((fail + 1)); echo "run $r FAILED"; fi
done
echo "$pass $fail" > .notebook-stock-results
echo "stock nbconvert, $nb: $pass of $runs runs kept every output"
[ "$fail" = 0 ]
