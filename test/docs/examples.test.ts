// Every TSDoc `@example` of src/ is extracted (test/docs/extract-examples.ts) and run, one `it` per example, named
// `file:symbol #k`. An example runs as an async module body with every export of src/index.ts and of its own module
// in scope, plus the fixtures of test/docs/example-fixtures.ts for the free names it uses, in a fresh temporary
// working directory (removed afterwards). `import ... from 'fragility'` / `'fragility/<layer>'` resolve to src/,
// other imports (node:fs, ...) to the real modules.
//
// Claims. A top-level statement may end with a `// comment`. The comment is a CLAIM when it starts like one, and
// then it must parse completely (a malformed claim fails the test), otherwise it is prose and ignored:
//   value claims (start with ≈, a number, a quote, [, {, true/false/null/undefined/NaN/Infinity, Int32Array [ ...):
//     `expr; // 0.25`            the value rounds to the digits shown: |v − 0.25| <= 0.005 (half a unit of the
//                                last digit); an integer without decimals (`// 3`) must be exact (to 1e-9
//                                relative, floating-point noise)
//     `expr; // 3.4787…`         truncated digits (`…` or `...`): |v − 3.4787| <= 1e-4 (one unit of the last digit)
//     `expr; // ≈ 0.398`         approximately: |v − 0.398| <= 0.001 (one unit of the last digit shown);
//                                `≈ 500000 ± 500` states the tolerance explicitly
//     `expr; // <= 0.01`         a bound (<, <=, >, >=)
//     `expr; // 'text'`, `true`, `null`, `[1, 2]`, `Int32Array [1, 0]`   strict / element-wise equality (a typed
//                                array must have that class); numbers inside follow the rules above, a leading ≈
//                                applies to every number inside
//     `expr; // { q: 0.5, S: ≈0.398, sd, ci }`   an object with these keys; valued keys match, bare keys (or
//                                `key: …`) need only exist; other keys are allowed; `…` (or `...`, `..`) as a value
//                                means any value, as an entry it just says more keys follow
//   field claims (start with `path =`, `path ≈` or `path <=` ...; several separated by `,` or `;`):
//     `expr; // pc ≈ 0.6139, SAtPc ≈ 0.3141`     fields of the value
//     `const r = f(); // r.lambda ≈ 5.29, r.pc ≈ 0.19`   paths from a declared name; a path that does not start
//                                with a declared name is read from the single declared value (`// mean ≈ 4`)
//   throws claims: `expr; // throws` or `// throws: FIELD` — the statement throws a FragilityInputError (whose
//                                `field` equals FIELD when given)
//   After a complete claim, prose may follow when it starts with `(`, `—`, `:` or a word: `// ≈ 0.42 (2010)`.
// A value claim after a declaration applies to the declared value (`const m = f(); // 3`).
//
// Examples that cannot run here are listed in NOT_RUN below with a reason each; TO_FIX lists those still failing
// (run them with EXAMPLES_TO_FIX=1). One example: `npx vitest run test/docs/examples.test.ts -t 'molloy-reed'`.
import { describe, expect, it } from 'vitest';
import { extractExamples } from './extract-examples.ts';
import { exampleName, repoRoot, runExample } from './run-example.ts';

const examples = extractExamples(repoRoot);

/** Examples that cannot run in a unit test, `file:symbol #k` → why (keep this short). */
const NOT_RUN: Record<string, string> = {
  'src/queue/coordinator.ts:QueueCoordinator #1': 'needs a Redis server',
  'src/queue/coordinator.ts:QueueCoordinator.open #1': 'needs a Redis server',
  'src/queue/coordinator.ts:QueueCoordinator.runTasks #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/coordinator.ts:QueueCoordinator.ensembleRemote #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/coordinator.ts:QueueCoordinator.overloadRunner #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/redis.ts:openRedis #1': 'needs a Redis server',
  'src/queue/redis.ts:checkRedisReachable #1': 'needs a Redis server',
  'src/queue/worker.ts:startWorker #1': 'needs a Redis server',
  'src/report/jupyter-display.ts:showSvg #1': 'needs the Deno Jupyter kernel (notebooks test covers it)',
  'src/report/jupyter-display.ts:showMarkdown #1': 'needs the Deno Jupyter kernel (notebooks test covers it)',
  'src/compare/overload-calibration.ts:calibrateOverload #1': 'minutes of CPU (60 model evaluations of the 2010 overload model)',
  'src/compare/overload-metastability.ts:compareMetastability #1': 'over 45 s under load (simulated and fluid bistability maps)',
  'src/scenarios/report.ts:scenarioSummaryRows #1': 'over 45 s under load (runs the full skype-2010 scenario)',
  'src/scenarios/run.ts:runScenario #1': 'over 45 s under load (runs the full skype-2010 scenario)',
};

/**
 * Examples that fail today and are still to be fixed in their doc comment (a free name, a file the example reads,
 * a wrong claim), `file:symbol #k` → the failure. Transitional: each fix removes its line; the list must shrink
 * to empty.
 */
const TO_FIX: Record<string, string> = {
  'src/analytic/gf-percolation.ts:gfSitePercolationFromCoefficients #1': 'fails: law is not defined',
  'src/analytic/message-passing-loops.ts:messagePassingLoops #1': 'fails: karate is not defined',
  'src/analytic/message-passing.ts:messagePassingPercolation #1': 'fails: graph is not defined',
  'src/analytic/non-backtracking.ts:nonBacktrackingSpectralRadius #1': 'fails: karate is not defined',
  'src/analytic/overload-mean-field.ts:overloadCriticalLoss #1': 'fails: line 1: malformed claim "1 − 1.1/1.25 = 0.12": expected the end of the claim or a prose re',
  'src/analytic/two-tier-branching.ts:twoTierMeanOffspringMatrix #1': 'fails: src/analytic/two-tier-branching.ts:153 example line 1 "// [[2, 3], [0, 0]]": value[0][0]: ',
  'src/analytic/watts-cascade-size.ts:wattsGlobalCascade #1': 'fails: src/analytic/watts-cascade-size.ts:194 example line 1 "// frequency ≈ 0.4, size ≈ 0.9": fr',
  'src/atomic-write.ts:outputPathError #1': 'fails: p is not defined',
  'src/atomic-write.ts:writeFileAtomic #1': 'fails: report is not defined',
  'src/atomic-write.ts:writeDirAtomic #1': 'fails: bundle is not defined',
  'src/atomic-write.ts:writeDirAtomicSync #1': 'fails: writeFileSync is not defined',
  'src/cascade/betweenness.ts:betweennessFromPivots #1': 'fails: line 2: malformed claim "[0, 2, 2, 0], the exact values": expected the end of the claim or',
  'src/cascade/fiber-bundle-graph.ts:fiberBundleCascade #1': 'fails: src/cascade/fiber-bundle-graph.ts:152 example line 2 "// ≈ 0.448": value: expected 0.448 (',
  'src/cascade/fiber-bundle-graph.ts:fiberBundleBursts #1': 'fails: src/cascade/fiber-bundle-graph.ts:366 example line 1 "// ≈ 0.2507 on average": value: expe',
  'src/cascade/overload-sampling.ts:approxBinomial #1': 'fails: line 1: malformed claim "≈ 500 000 ± 500": expected the end of the claim or a prose remark',
  'src/cascade/overload-threshold.ts:simulatedCriticalLoss #1': 'fails: line 2: malformed claim "≈ 0.105; r.halfWidth <= 0.01, r.targetMet === true": expected the',
  'src/cascade/overload-threshold.ts:runOverloadBatch #1': 'fails: params is not defined',
  'src/cascade/sequential-probit.ts:probitProfileFit #1': 'fails: src/cascade/sequential-probit.ts:105 example line 2 "// ≈ 0.118": value: expected 0.118 (±',
  'src/cascade/sequential-probit.ts:designRound #1': 'fails: line 1: malformed claim "[0, 0.05, …, 0.5]": expected a value at column 11',
  'src/cascade/sequential-probit.ts:sequentialProbitDesign #1': 'fails: trial is not defined',
  'src/cascade/sequential-probit.ts:sequentialProbitThreshold #1': 'fails: line 2: malformed claim "≈ 0.3, r.halfWidth <= 0.01": expected the end of the claim or a p',
  'src/compare/interdependent.ts:compareInterdependent #1': 'fails: line 2: malformed claim "{ x: 0.7, analytic: 0.55762, mean: ≈0.5578, ci: [..], insideCi: t',
  'src/compare/overload.ts:compareOverload #1': 'fails: src/compare/overload.ts:77 example line 2 "// { analytic: ≈0.01, montecarlo: ≈0.01, ci: [.',
  'src/compare/two-tier.ts:compareTwoTier #1': 'fails: src/compare/two-tier.ts:84 example line 2 "// { analytic: ≈0.969, montecarlo: ≈0.96, ci: [',
  'src/distributions/ba-law.ts:barabasiAlbertLaw #1': 'fails: line 1: malformed claim "2·2·3/(2·3·4) = 0.5": expected the end of the claim or a prose re',
  'src/distributions/bimodal-law.ts:bimodalLaw #1': 'fails: line 1: malformed claim "0.8·3 + 0.2·10 = 4.4": expected the end of the claim or a prose r',
  'src/distributions/degree-law.ts:degreeLawFromPmf #1': 'fails: line 3: malformed claim "0.5·0.5 + 0.5·0.125 = 0.3125": expected the end of the claim or a',
  'src/distributions/empirical-capacity.ts:empiricalCapacity #1': 'fails: line 1: malformed claim "2/3": expected the end of the claim or a prose remark at column 2',
  'src/distributions/empirical-law.ts:graphDegreeLaw #1': 'fails: line 1: malformed claim "4/3": expected the end of the claim or a prose remark at column 2',
  'src/generators/barabasi-albert.ts:barabasiAlbert #1': 'fails: line 2: malformed claim "3 + 2 * (10000 - 3) = 19997": expected the end of the claim or a ',
  'src/generators/spec.ts:graphSpecBytes #1': 'fails: src/generators/spec.ts:317 example line 1 "// ≈ 8.8e7": value: expected 8.8e7 (±1.00e+6), ',
  'src/graph/binary.ts:decodeFgb #1': 'fails: g is not defined',
  'src/graph/binary.ts:readFgb #1': 'fails: path: "er-1e6.fgb" is not allowed; expected a readable file (ENOENT: no such file or direc',
  'src/graph/edgelist.ts:readEdgeListWithStats #1': 'fails: path: "karate.edges" is not allowed; expected a readable file (ENOENT: no such file or dir',
  'src/graph/edgelist.ts:readEdgeList #1': 'fails: path: "data/karate.edges" is not allowed; expected a readable file (ENOENT: no such file o',
  'src/graph/graphology-adapter.ts:fromGraphology #1': 'fails: graph is not defined',
  'src/graph/xml-formats.ts:readGexf #1': 'fails: path: "net.gexf" is not allowed; expected a readable file (ENOENT: no such file or directo',
  'src/graph/xml-formats.ts:readGraphml #1': 'fails: path: "net.graphml" is not allowed; expected a readable file (ENOENT: no such file or dire',
  'src/models/overload-policies.ts:lognormalDelayPmf #1': 'fails: line 1: malformed claim "≈ 60·e^0.5/10 ≈ 9.9": expected the end of the claim or a prose re',
  'src/models/overload-policies.ts:uniformDelayPmf #1': 'fails: src/models/overload-policies.ts:136 example line 1 "// 450.5 or so": value: expected 450.5',
  'src/montecarlo/adaptive-degree-order.ts:adaptiveDegreeOrder #1': 'fails: g is not defined',
  'src/montecarlo/betweenness-order.ts:betweennessOrder #1': 'fails: g is not defined',
  'src/montecarlo/canonical.ts:canonicalObservables #1': 'fails: g is not defined',
  'src/montecarlo/checkpoint.ts:fileSha256 #1': 'fails: ENOENT: no such file or directory, open \'data/karate.edges\'',
  'src/montecarlo/checkpoint.ts:lineCheck #1': 'fails: o is not defined',
  'src/montecarlo/checkpoint.ts:replicateToLine #1': 'fails: appendFileSync is not defined',
  'src/montecarlo/checkpoint.ts:readLines #1': 'fails: ENOENT: no such file or directory, open \'s0.ndjson\'',
  'src/montecarlo/checkpoint.ts:replicateLineParser #1': 'fails: experiment is not defined',
  'src/montecarlo/checkpoint.ts:openCheckpoint #1': 'fails: identity is not defined',
  'src/montecarlo/checkpoint.ts:appendCheckpoint #1': 'fails: ck is not defined',
  'src/montecarlo/degree-order.ts:degreeOrder #1': 'fails: g is not defined',
  'src/montecarlo/ensemble.ts:defaultOccupationGrid #1': 'fails: src/montecarlo/ensemble.ts:271 example line 1 "// [0, 0.25, 0.5, 0.75, 1]": value: expecte',
  'src/montecarlo/ensemble.ts:computeEnsemble #1': 'fails: line 1: malformed claim "r = 1, 4, 7": expected the end of the claim or a prose remark at ',
  'src/montecarlo/ensemble.ts:reduceEnsemble #1': 'fails: merge: "s0.ndjson" is not allowed; expected an existing shard file (no such file)',
  'src/montecarlo/finite-size-study.ts:finiteSizeStudy #1': 'fails: src/montecarlo/finite-size-study.ts:94 example line 2 "// ≈ 0.5927": value: expected 0.592',
  'src/montecarlo/interdependent-cascade.ts:interdependentCascadeSweep #1': 'fails: gA is not defined',
  'src/montecarlo/interdependent-cascade.ts:interdependentCollapsePoint #1': 'fails: gA is not defined',
  'src/montecarlo/interdependent-cascade.ts:simulateInterdependent #1': 'fails: src/montecarlo/interdependent-cascade.ts:370 example line 2 "// ≈ 0.556 (theory 0.55762)":',
  'src/montecarlo/largest-gap.ts:largestGapOccupation #1': 'fails: src/montecarlo/largest-gap.ts:25 example line 1 "// ≈ 0.57": value: expected 0.57 (±0.0100',
  'src/montecarlo/onset-threshold.ts:onsetThreshold #1': 'fails: path: "data/power.edges" is not allowed; expected a readable file (ENOENT: no such file or',
  'src/montecarlo/peak-threshold.ts:peakThreshold #1': 'fails: grid is not defined',
  'src/montecarlo/random-order.ts:randomOrder #1': 'fails: g is not defined',
  'src/montecarlo/random-order.ts:randomEdgeOrder #1': 'fails: g is not defined',
  'src/montecarlo/replicate.ts:removalOrder #1': 'fails: g is not defined',
  'src/montecarlo/replicate.ts:runReplicateOnGraph #1': 'fails: g is not defined',
  'src/montecarlo/shard.ts:shardLines #1': 'fails: s is not defined',
  'src/montecarlo/shard.ts:writeShard #1': 'fails: opts is not defined',
  'src/montecarlo/shard.ts:mergeShardFiles #1': 'fails: merge: "s0.ndjson" is not allowed; expected an existing shard file (no such file)',
  'src/montecarlo/shard.ts:mergeShards #1': 'fails: merge: "s0.ndjson" is not allowed; expected an existing shard file (no such file)',
  'src/montecarlo/supernodes-first-order.ts:supernodesFirstOrder #1': 'fails: overlayGraph is not defined',
  'src/montecarlo/sweep-result.ts:meanClusterSizeExcludingLargest #1': 'fails: g is not defined',
  'src/montecarlo/sweep-wrapping.ts:sweepSiteWrapping #1': 'fails: src/montecarlo/sweep-wrapping.ts:243 example line 2 "// ≈ 0.59: occupation at which a clus',
  'src/montecarlo/transition.ts:noTransitionReason #1': 'fails: src/montecarlo/transition.ts:32 example line 1 "// \'no giant component even at full occupa',
  'src/montecarlo/wrapping-threshold.ts:packWrappingSweeps #1': 'fails: g is not defined',
  'src/montecarlo/wrapping-threshold.ts:wrappingProbability #1': 'fails: samples is not defined',
  'src/montecarlo/wrapping-threshold.ts:wrappingThreshold #1': 'fails: samples is not defined',
  'src/montecarlo/wrapping-threshold.ts:wrappingCrossing #1': 'fails: samples64 is not defined',
  'src/queue/tasks.ts:overloadFingerprint #1': 'fails: params is not defined',
  'src/queue/tasks.ts:computeTask #1': 'fails: fingerprint is not defined',
  'src/random/alias-table.ts:AliasTable #1': 'fails: src/random/alias-table.ts:21 example line 2 "// 1 with probability 0.5": value: expected 1',
  'src/report/html.ts:htmlTable #1': 'fails: src/report/html.ts:36 example line 1 "// \'<table><thead><tr><th scope="col">loss</th>...\'"',
  'src/report/svg-to-png.ts:rsvgConvertAvailable #1': 'fails: svg is not defined',
  'src/resources.ts:checkMemory #1': 'fails: n is not defined',
  'src/resources.ts:availableCores #1': 'fails: requested is not defined',
  'src/scenarios/explorer-bundle.ts:bundleExplorerApp #1': 'fails: writeFileSync is not defined',
  'src/scenarios/explorer-model.ts:explorerParams #1': 'fails: spec is not defined',
  'src/scenarios/explorer-model.ts:explorerRun #1': 'fails: spec is not defined',
  'src/scenarios/explorer-model.ts:explorerVerdict #1': 'fails: spec is not defined',
  'src/scenarios/explorer-page.ts:thresholdRows #1': 'fails: htmlTable is not defined',
  'src/scenarios/explorer-page.ts:scenarioHtmlPage #1': 'fails: writeFileSync is not defined',
  'src/scenarios/load.ts:parseScenario #1': 'fails: text is not defined',
  'src/scenarios/load.ts:loadScenario #1': 'fails: scenario: "./my-scenario.json" is not allowed; expected a built-in scenario (skype-2010, s',
  'src/scenarios/report.ts:overloadThresholdMarkdown #1': 'fails: result is not defined',
  'src/scenarios/report.ts:metastabilityMarkdown #1': 'fails: result is not defined',
  'src/scenarios/report.ts:metastabilityRows #1': 'fails: result is not defined',
  'src/scenarios/report.ts:recoveryRows #1': 'fails: result is not defined',
  'src/scenarios/report.ts:whatIfRows #1': 'fails: result is not defined',
  'src/scenarios/report.ts:scenarioTimelineSvg #1': 'fails: writeFileSync is not defined',
  'src/scenarios/report.ts:scenarioCollapseSvg #1': 'fails: writeFileSync is not defined',
  'src/scenarios/report.ts:scenarioPhaseSvg #1': 'fails: writeFileSync is not defined',
  'src/scenarios/report.ts:scenarioGiantSvg #1': 'fails: writeFileSync is not defined',
  'src/scenarios/report.ts:scenarioSummaryMarkdown #1': 'fails: result is not defined',
  'src/scenarios/report.ts:scenarioReport #1': 'fails: s is not defined',
};

describe('TSDoc @example blocks of src/', () => {
  it('are found (file, symbol, code)', () => {
    expect(examples.length).toBeGreaterThan(300);
    const names = examples.map(exampleName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the allow-list names only existing examples and stays short', () => {
    const names = new Set(examples.map(exampleName));
    for (const key of [...Object.keys(NOT_RUN), ...Object.keys(TO_FIX)]) expect(names.has(key), key).toBe(true);
    expect(Object.keys(NOT_RUN).length).toBeLessThan(15);
  });

  for (const ex of examples) {
    const name = exampleName(ex);
    if (NOT_RUN[name]) it.skip(`${name} (not run: ${NOT_RUN[name]})`, () => {});
    else if (TO_FIX[name] && !process.env.EXAMPLES_TO_FIX) it.skip(`${name} (to fix: ${TO_FIX[name]})`, () => {});
    else it(name, () => runExample(ex), 60_000);
  }
});
