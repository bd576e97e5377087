#!/usr/bin/env bash
# The packaging test (issue 13): what a user of the published package gets.
#   npm pack → install the tarball into an empty temporary project (production dependencies only, no tsx), then
#   - the tarball holds dist/, bin/, README and LICENSE, and no sources, tests, bench, notebooks or CI;
#   - plain `node` runs the README's API example and prints the same numbers as the sources do;
#   - `tsc --noEmit` (strict, default settings otherwise) type-checks a consumer of every entry under
#     moduleResolution nodenext and under bundler, with zero errors;
#   - esbuild bundles the browser entry (fragility/core) with --platform=browser with zero errors, and the bundle,
#     run in a bare `vm` context (no Node built-ins), computes a generating-function threshold and a site sweep
#     identical to plain Node's;
#   - the report page script (index.html's explorer) is pre-built in dist/ and served without esbuild;
#   - the public surface of dist/index.d.ts equals the committed API report docs/api-report/fragility.api.md (API
#     Extractor; `npm run api-report` rewrites it, so a change of surface shows in review);
#   - `npx fragility --help` works, and `fragility sweep` gives the same JSON with 1 and 2 worker threads (the pool
#     loads the compiled worker module).
# Prints one line per check, writes "PASSED FAILED" to .package-test-results (read by .ci/run), exits non-zero when
# anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN="$ROOT/node_modules/.bin"
HERE="$ROOT/scripts/package-test"
work=$(mktemp -d /tmp/fragility-package-XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
echo "0 1" > .package-test-results

# check NAME COMMAND...: run it with its output in $work/log; print ok/FAIL (and the log's tail on failure).
check() {
  local name=$1; shift
  if "$@" >"$work/log" 2>&1; then
    pass=$((pass + 1)); printf 'ok    %s\n' "$name"
  else
    fail=$((fail + 1)); printf 'FAIL  %s\n' "$name"; tail -40 "$work/log" | sed 's/^/      /'
  fi
}

finish() {
  echo "$pass $fail" > "$ROOT/.package-test-results"
  echo "package test: $pass passed, $fail failed"
  [ "$fail" = 0 ]
  exit $?
}

# --- npm pack (runs the prepare script: the build)
if ! tgz=$(npm pack --silent --pack-destination "$work" 2>"$work/pack.log" | tail -1) || [ ! -f "$work/$tgz" ]; then
  tail -40 "$work/pack.log"; echo "npm pack failed"; fail=$((fail + 1)); finish
fi
echo "packed $tgz ($(tar tzf "$work/$tgz" | wc -l) files, $(du -k "$work/$tgz" | cut -f1) KiB)"

tarball_contents() {
  local list; list=$(tar tzf "$work/$tgz")
  for f in package/package.json package/README.md package/LICENSE package/bin/fragility.js package/dist/index.js \
           package/dist/index.d.ts package/dist/core.js package/dist/cli/main.js package/dist/montecarlo/replicate-worker.js \
           package/dist/metrics/brandes-kernel.mjs package/dist/metrics/brandes-worker.mjs \
           package/dist/scenarios/explorer-app.bundle.js; do
    grep -qx "$f" <<<"$list" || { echo "missing from the tarball: $f"; return 1; }
  done
  local extra; extra=$(grep -E '^package/(src|test|bench|notebooks|scripts|docs|jupyter|data|\.ci)/' <<<"$list" | head -5)
  [ -z "$extra" ] || { echo "should not be published:"; echo "$extra"; return 1; }
}
check "tarball holds dist/, bin/, README, LICENSE and nothing of src/test/bench/notebooks/CI" tarball_contents

# --- an empty consumer project
mkdir -p "$work/consumer"
cd "$work/consumer" || exit 1
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
if ! npm install --no-audit --no-fund --prefer-offline "$work/$tgz" >"$work/install.log" 2>&1; then
  tail -40 "$work/install.log"; echo "npm install of the tarball failed"; fail=$((fail + 1)); finish
fi
cp "$HERE"/consumer.ts "$HERE"/browser-entry.js "$HERE"/compute.mjs "$HERE"/browser-check.mjs .

no_dev_tools() {
  for d in tsx esbuild vitest typescript; do
    if [ -e "node_modules/$d" ]; then echo "node_modules/$d was installed: a dev tool leaked into the dependencies"; return 1; fi
  done
}
check "installing the tarball brings no tsx, esbuild, vitest or typescript" no_dev_tools

readme_example() {
  python3 - "$ROOT/README.md" > readme-example.mjs <<'PY' || return 1
import re, sys
m = re.search(r"```ts\n(.*?from 'fragility';.*?)```", open(sys.argv[1], encoding='utf-8').read(), re.S)
if not m: sys.exit('README: no ```ts block importing from fragility')
print(m.group(1), end='')
PY
  local installed source
  installed=$(node readme-example.mjs) || return 1
  mkdir -p "$ROOT/tmp" && cp readme-example.mjs "$ROOT/tmp/package-test-readme.mjs"
  source=$(cd "$ROOT" && node --conditions=fragility-source --import tsx tmp/package-test-readme.mjs) || return 1
  rm -f "$ROOT/tmp/package-test-readme.mjs"
  echo "installed package: $installed"; echo "sources:           $source"
  [ -n "$installed" ] && [ "$installed" = "$source" ] || return 1
  # the README's fragility/core snippet (a ```js block): prints q_c of Poisson(4), 1/4 (literature-values.md, G2)
  python3 - "$ROOT/README.md" > readme-core.mjs <<'PY' || return 1
import re, sys
m = re.search(r"```js\n(.*?from 'fragility/core';.*?)```", open(sys.argv[1], encoding='utf-8').read(), re.S)
if not m: sys.exit('README: no ```js block importing from fragility/core')
print(m.group(1), end='')
PY
  local qc; qc=$(node readme-core.mjs) || return 1
  echo "README fragility/core snippet: $qc"
  node -e 'process.exit(Math.abs(Number(process.argv[1]) - 0.25) < 1e-9 ? 0 : 1)' "$qc"
}
check "plain node runs the README examples (API: the sources' numbers; fragility/core: q_c = 1/4)" readme_example

typecheck() {
  local resolution=$1 module=$2
  cat > "tsconfig.$resolution.json" <<JSON
{ "compilerOptions": { "strict": true, "target": "es2022", "module": "$module", "moduleResolution": "$resolution", "noEmit": true },
  "files": ["consumer.ts"] }
JSON
  "$BIN/tsc" -p "tsconfig.$resolution.json"
}
check "tsc --noEmit, strict, moduleResolution nodenext: every entry type-checks" typecheck nodenext nodenext
check "tsc --noEmit, strict, moduleResolution bundler: every entry type-checks" typecheck bundler esnext

browser_bundle() {
  "$BIN/esbuild" browser-entry.js --bundle --platform=browser --format=iife --global-name=fragility \
    --outfile=bundle.js --log-level=warning || return 1
  if grep -nE "require\(\"node:|from \"node:|import\(\"node:" bundle.js | head -3 | grep .; then
    echo "the browser bundle imports Node built-ins"; return 1
  fi
  node browser-check.mjs bundle.js
}
check "esbuild --platform=browser bundles fragility/core; it computes in a bare vm context" browser_bundle

cli_help() {
  local t0 t1 out
  t0=$(date +%s%N); out=$(npx --no-install fragility --help) || return 1; t1=$(date +%s%N)
  echo "$out" | head -3
  echo "fragility --help: $(( (t1 - t0) / 1000000 )) ms (npx included)"
  grep -q '^Usage: fragility' <<<"$out" && grep -q 'sweep' <<<"$out"
}
check "npx fragility --help from the installed tarball" cli_help

report_page_script() {
  # the installed package (no esbuild) serves the pre-built report page script from dist/, unchanged
  node --input-type=module -e '
    const m = await import(process.argv[1]);
    const { readFileSync } = await import("node:fs");
    const js = await m.explorerBundle();
    const file = readFileSync(new URL(m.EXPLORER_BUNDLE_FILE, new URL(process.argv[1], "file:///")), "utf8");
    if (js !== file || js.length < 1000) throw new Error("explorerBundle() is not the pre-built bundle");
    if (/require\(|from"node:|import\("node:/.test(js)) throw new Error("the page script reaches Node");
    console.log(`report page script: ${js.length} bytes from dist/scenarios/`);
  ' "$PWD/node_modules/fragility/dist/scenarios/explorer-bundle.js"
}
check "the report page script (index.html explorer) ships pre-built in dist/ and loads without esbuild" report_page_script

cli_workers() {
  local one two
  one=$(npx --no-install fragility sweep --graph er:n=3000,k=4 --runs 6 --seed 5 --q 0.5 --workers 1 --json --no-progress) || return 1
  two=$(npx --no-install fragility sweep --graph er:n=3000,k=4 --runs 6 --seed 5 --q 0.5 --workers 2 --json --no-progress) || return 1
  echo "$two" | head -c 300; echo
  [ "$one" = "$two" ]
}
check "fragility sweep: same JSON with 1 and 2 worker threads (compiled worker module)" cli_workers

# --- the public surface: API Extractor compares dist/index.d.ts (built by npm pack's prepare) with the report.
check "the public API equals docs/api-report/fragility.api.md (run npm run api-report after a deliberate change)" \
  "$BIN/api-extractor" run -c "$ROOT/api-extractor.json"

finish
