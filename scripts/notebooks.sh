#!/usr/bin/env bash
# Execute the notebooks headlessly with the Deno kernel (Debian's Jupyter, JUPYTER_PATH=$PWD/jupyter) and type-check
# their code cells (the kernel runs TypeScript without checking it, so the cells are extracted and `deno check`ed).
#
#   bash scripts/notebooks.sh                   execute every notebook in place (refreshes the committed outputs)
#   bash scripts/notebooks.sh --ci              execute into a temporary folder (the committed files are untouched)
#   bash scripts/notebooks.sh [--ci] FILE...    only the given notebooks
#   bash scripts/notebooks.sh --check-only      only the type check
#
# Prints one line per notebook with its type-check and run times, writes "PASSED FAILED" (one count per type check
# and per execution) to .notebook-results (read by .ci/run), and exits non-zero when anything failed.
# A notebook fails when a cell throws, when its type check fails, or when the .ipynb grows past 1 MB.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export JUPYTER_PATH="$PWD/jupyter"
export NO_COLOR=1
export DENO_NO_UPDATE_CHECK=1
export DENO_NO_PROMPT=1

ci=0; execute=1; files=()
for arg in "$@"; do
  case "$arg" in
    --ci) ci=1 ;;
    --check-only) execute=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) files+=("$arg") ;;
  esac
done
[ ${#files[@]} = 0 ] && files=(notebooks/*.ipynb)

if ! command -v deno >/dev/null; then echo "deno not found (npm ci installs it in node_modules/.bin)"; echo "0 1" > .notebook-results; exit 1; fi
if [ $execute = 1 ] && ! command -v jupyter >/dev/null; then
  echo "jupyter not found (apt-get install jupyter-nbconvert python3-nbclient jupyter-client)"; echo "0 1" > .notebook-results; exit 1
fi

# Indices of the code cells of an executed notebook that should have shown something but have no output: a cell
# with a top-level display statement (a line starting with `await md(`, `await showSince(`, `await showSvg(`, `jupyterSvg(`,
# `console.log(` or `Deno.jupyter.`) must have at least one output.
missing_outputs() {
  python3 - "$1" <<'PY'
import json, re, sys
display = re.compile(r'^(await md\(|await showSince\(|await showSvg\(|await showMarkdown\(|jupyterSvg\(|console\.log\(|(await )?Deno\.jupyter\.)', re.M)
nb = json.load(open(sys.argv[1], encoding='utf-8'))
src = lambda c: ''.join(c['source']) if isinstance(c['source'], list) else c['source']
print(' '.join(str(i) for i, c in enumerate(nb['cells'])
               if c['cell_type'] == 'code' and display.search(src(c)) and not c.get('outputs')))
PY
}

out=$(mktemp -d)
trap 'rm -rf "$out"; rm -f notebooks/.check-*.ts' EXIT

# The executor: nbclient (Debian's python3-nbclient, the library behind `jupyter nbconvert --execute`) with one
# change. The Deno kernel sometimes publishes a cell's result or display *after* its "idle" status; nbclient stops
# listening to a cell at "idle" and would drop that output. This client routes such late messages to the cell they
# belong to (by parent message id), and drains the channel after the last cell.
py=$(sed -n '1s/^#! *//p' "$(command -v jupyter-nbconvert 2>/dev/null || echo /dev/null)" 2>/dev/null)
[ -x "${py%% *}" ] || py=/usr/bin/python3
cat > "$out/run_notebook.py" <<'PY'
import sys, os
from queue import Empty
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async

OUTPUT_TYPES = ('display_data', 'update_display_data', 'execute_result', 'stream', 'error', 'clear_output')

class LateOutputClient(NotebookClient):
    """Keep the outputs the Deno kernel publishes after its "idle" status: route them to the cell they belong to."""
    _cells = None
    def _route_late(self, msg):
        target = self._cells.get(msg['parent_header'].get('msg_id'))
        if target is not None and msg['msg_type'] in OUTPUT_TYPES:
            try:
                self.process_message(msg, *target)
            except CellExecutionComplete:
                pass
    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        if self._cells is None:
            self._cells = {}
        self._cells[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg['parent_header'].get('msg_id') == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            else:
                self._route_late(msg)
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        last = max(i for i, c in enumerate(self.nb.cells) if c.cell_type == 'code')
        if cell_index == last:
            while True:  # drain what arrives late for any cell
                try:
                    msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=1.0))
                except Empty:
                    break
                self._route_late(msg)
        return result

src, dst = sys.argv[1], sys.argv[2]
nb = nbformat.read(src, as_version=4)
client = LateOutputClient(nb, kernel_name='deno', timeout=600, record_timing=False, iopub_timeout=120,
                          resources={'metadata': {'path': os.path.dirname(os.path.abspath(src))}})
try:
    client.execute()
except CellExecutionError as e:
    print(str(e), file=sys.stderr)
    sys.exit(1)
for cell in nb.cells:  # merge consecutive stream outputs, as nbconvert does
    merged = []
    for o in cell.get('outputs', []):
        if merged and o.get('output_type') == 'stream' and merged[-1].get('output_type') == 'stream' and merged[-1].get('name') == o.get('name'):
            merged[-1]['text'] += o['text']
        else:
            merged.append(o)
    if cell.cell_type == 'code':
        cell.outputs = merged
nbformat.write(nb, dst)
PY
# graphology ships ESM-syntax typings inside a CommonJS package; Deno's checker then types `import Graph from
# 'graphology'` (used by src/graph) as the module namespace, while tsc (moduleResolution "Bundler") and the runtime
# give the class. For the check only, an import map points 'graphology' at a copy of the same typings outside the
# package, which Deno reads as ESM. The kernel itself loads graphology from node_modules.
cp node_modules/graphology/dist/graphology.d.ts notebooks/.check-graphology.d.ts
printf '{ "imports": { "graphology": "file://%s/notebooks/.check-graphology.d.ts" } }\n' "$PWD" > "$out/import-map.json"
pass=0; fail=0; total_start=$(date +%s)
printf '%-44s %-8s %-10s %s\n' notebook check execute "run time"
for nb in "${files[@]}"; do
  [ -f "$nb" ] || { echo "no such notebook: $nb"; fail=$((fail + 1)); continue; }
  name=$(basename "$nb" .ipynb)
  dir=$(dirname "$nb")
  # 1. type check the code cells, from a file next to the notebook so that its relative imports resolve
  check_file="$dir/.check-$name.ts"
  check_start=$(date +%s)
  if node scripts/extract-notebook-code.mjs "$nb" > "$check_file" \
     && deno check --quiet --no-lock --cached-only --import-map "$out/import-map.json" "$check_file" >"$out/$name.check.log" 2>&1; then
    check=ok; pass=$((pass + 1))
  else
    check=FAIL; fail=$((fail + 1))
  fi
  check_time=$(( $(date +%s) - check_start ))
  [ $check = FAIL ] && { echo "--- type check of $nb failed (cells are marked '// ---- cell N'):"; cat "$out/$name.check.log"; }
  rm -f "$check_file"
  # 2. execute (nbconvert fails when a cell throws)
  run=skipped; run_time=0
  if [ $execute = 1 ]; then
    if [ $ci = 1 ]; then executed="$out/$name.ipynb"; else executed="$nb"; fi
    for attempt in 1 2 3 4 5; do
      run_start=$(date +%s)
      if $py "$out/run_notebook.py" "$nb" "$executed" >"$out/$name.log" 2>&1; then
        run=ok
      else
        run=FAIL
      fi
      run_time=$(( $(date +%s) - run_start ))
      # Safety net for lost outputs (see run_notebook.py above): every cell with a display statement at top level
      # must have an output, else (in place) the notebook runs again.
      [ $run = ok ] || break
      if [ ! -f "$executed" ]; then echo "--- $nb: executed notebook not found at $executed"; run=FAIL; break; fi
      missing=$(missing_outputs "$executed")
      [ -z "$missing" ] && break
      echo "--- $nb: no output from code cell(s) $missing (attempt $attempt)"
      [ $ci = 1 ] && break
    done
    if [ $run = ok ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    if [ $run = FAIL ]; then
      echo "--- execution of $nb failed:"
      if grep -q CellExecutionError "$out/$name.log"; then sed -n '/CellExecutionError/,$p' "$out/$name.log" | tail -60; else tail -40 "$out/$name.log"; fi
    fi
    size=$(stat -c %s "$executed" 2>/dev/null || stat -c %s "$nb")
    if [ "$size" -gt 1000000 ]; then echo "--- $nb is $size bytes (limit 1 MB): print less, plot more"; fail=$((fail + 1)); fi
    [ $run_time -gt 120 ] && echo "--- warning: $nb took ${run_time} s (target: under 2 minutes)"
  fi
  printf '%-44s %-8s %-10s %s\n' "$name" "$check (${check_time}s)" "$run" "${run_time} s"
done
echo "$pass $fail" > .notebook-results
echo "notebooks: $pass passed, $fail failed ($(( $(date +%s) - total_start )) s)"
[ $fail = 0 ]
