// A TypeScript consumer of the published package: one use of every entry, type-checked by scripts/package-test.sh
// under moduleResolution nodenext and bundler (strict, default settings otherwise).
import * as fragility from 'fragility';
import * as core from 'fragility/core';
import { stream, type Rng } from 'fragility/random';
import { poissonLaw, uniformCapacity, type DegreeLaw } from 'fragility/distributions';
import { type CompactGraph, parseEdgeList } from 'fragility/graph';
import { erdosRenyi } from 'fragility/generators';
import { gfSitePercolation, randomFailureThreshold, fiberBundleCritical } from 'fragility/analytic';
import { randomOrder, sweepSite, runEnsemble, type SweepResult } from 'fragility/montecarlo';
import { betweenness } from 'fragility/cascade';
import * as models from 'fragility/models';
import { lineUp } from 'fragility/compare';
import { markdownTable } from 'fragility/report';
import { skype2010Scenario, type Scenario } from 'fragility/scenarios';

const rng: Rng = stream(1);
const law: DegreeLaw = poissonLaw(4);
const g: CompactGraph = erdosRenyi(1000, 4 / 999, rng);
const sweep: SweepResult = sweepSite(g, randomOrder(g.n, stream(1, 1)));
const qc: number | null = randomFailureThreshold(law).q_c;
const s: number = gfSitePercolation(law, 0.5).S;
const sigma: number = fiberBundleCritical(uniformCapacity(0, 1)).sigmaC;
const small: CompactGraph = parseEdgeList('0 1\n1 2\n');
const pending: Promise<unknown> = runEnsemble({ graph: 'er:n=1000,k=4', runs: 2, seed: 1 });
const load: ArrayLike<number> = betweenness(small).values;
const table: string = markdownTable([{ a: 1 }]);
const scenario: Scenario = skype2010Scenario;
const lined: unknown = lineUp([], []);
const same: boolean = core.poissonLaw === fragility.poissonLaw;
const modelKeys: string[] = Object.keys(models);
export const summary = { sweep, qc, s, sigma, pending, load, table, scenario, lined, same, modelKeys };
