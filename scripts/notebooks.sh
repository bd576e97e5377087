#!/usr/bin/env bash
# Execute every notebook headlessly with the Deno kernel and type-check its code cells.
#   bash scripts/notebooks.sh          execute in place (refreshes the committed outputs)
#   bash scripts/notebooks.sh --ci     execute into a temporary folder; write pass/fail counts to .notebook-results
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export JUPYTER_PATH="$PWD/jupyter"
export NO_COLOR=1
ci=0; [ "${1:-}" = "--ci" ] && ci=1
out=$(mktemp -d)
pass=0; fail=0
for nb in notebooks/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  start=$(date +%s)
  # 1. type check the code cells (the kernel itself does not type-check)
  ts="$out/$name.ts"
  node scripts/extract-notebook-code.mjs "$nb" > "$ts"
  cp "$ts" "notebooks/.check-$name.ts"
  if deno check --quiet "notebooks/.check-$name.ts"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL type check: $nb"; fi
  rm -f "notebooks/.check-$name.ts"
  # 2. execute (fails when a cell throws)
  if [ $ci = 1 ]; then
    args=(--output-dir "$out")
  else
    args=(--inplace)
  fi
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=deno \
       --ExecutePreprocessor.timeout=600 "${args[@]}" "$nb" >"$out/$name.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $nb ($(( $(date +%s) - start )) s)"
  else
    fail=$((fail + 1)); echo "FAIL $nb"; tail -40 "$out/$name.log"
  fi
done
echo "$pass $fail" > .notebook-results
echo "notebooks: $pass passed, $fail failed"
[ $fail = 0 ]
