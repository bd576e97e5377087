// The small computation the packaging test runs twice — in the browser bundle inside a bare `vm` context, and with
// plain Node on the installed package — and compares: a generating-function threshold and giant component, and a
// Newman–Ziff site sweep on a seeded random graph.
export function compute(f) {
  const law = f.poissonLaw(4);
  const g = f.erdosRenyi(2000, 4 / 1999, f.stream(7));
  const sweep = f.sweepSite(g, f.randomOrder(g.n, f.stream(7, 1)));
  return {
    qc: f.randomFailureThreshold(law).q_c,
    S: f.gfSitePercolation(law, 0.5).S,
    edges: g.m,
    giantAtHalf: sweep.largest[g.n / 2] / g.n,
  };
}
