// The delay pmfs of the overload fluid limit are made once per set of inputs (memoPmf in
// src/analytic/overload-fluid/delays.ts): a run served from the memo must give the same bits as a run that made them,
// and the memo's keys must tell apart every input that changes a pmf.
import { describe, expect, it } from 'vitest';
import { fluidOverload } from '../../src/analytic/overload-fluid.ts';
import { memoPmf, pmfKey, rejoinLagPmf, supernodeRestartPmf } from '../../src/analytic/overload-fluid/delays.ts';
import { skype2010OverloadParams, withOverloadParams } from '../../src/models/overload-params.ts';
import { canonical, fluidDigest } from './overload-fluid-golden-cases.ts';

describe('fluid delay pmfs made once (memoPmf)', () => {
  it('a run whose pmfs come from the memo equals the run that made them, bit for bit', () => {
    // a 2-h run with inputs no other test uses: the first run makes its pmfs, the second finds them
    const p = withOverloadParams(skype2010OverloadParams, {
      durationHours: 2,
      restart: { medianSeconds: 61.5 },
      rejoin: { minMinutes: 31, maxMinutes: 119 },
      detection: { medianSeconds: 305 },
    });
    const first = fluidOverload(p, { quantiles: 10 });
    const again = fluidOverload(p, { quantiles: 10 });
    expect(fluidDigest(again)).toBe(fluidDigest(first));
    expect(canonical(again)).toEqual(canonical(first));
    // and another restart law right after is not served the first one's pmf
    const q = withOverloadParams(p, { restart: { medianSeconds: 600 } });
    expect(
      memoPmf(pmfKey('supernodeRestartPmf', q.stepSeconds, q.restart.medianSeconds, q.restart.sigma), () =>
        supernodeRestartPmf(q),
      ),
    ).toEqual(supernodeRestartPmf(q));
    expect(supernodeRestartPmf(q)).not.toEqual(supernodeRestartPmf(p));
  });

  it('memoPmf makes a value once per key and hands back that same value', () => {
    let made = 0;
    const make = () => {
      made++;
      return rejoinLagPmf(skype2010OverloadParams);
    };
    const key = pmfKey('test-only', 'memo', 1);
    const a = memoPmf(key, make);
    const b = memoPmf(key, make);
    expect(made).toBe(1);
    expect(b).toBe(a);
  });

  it('pmfKey writes each number exactly and keeps numbers, strings and −0 apart', () => {
    expect(pmfKey('f', 0.1 + 0.2, 10)).not.toBe(pmfKey('f', 0.3, 10));
    expect(pmfKey('f', -0)).not.toBe(pmfKey('f', 0));
    expect(pmfKey('f', Infinity)).not.toBe(pmfKey('f', Number.MAX_VALUE));
    expect(pmfKey('f', { a: 5 })).not.toBe(pmfKey('f', { a: '#5' }));
    expect(pmfKey('f', { kind: 'fixed', minSeconds: 5, maxSeconds: 10, jitter: 0.1 })).not.toBe(
      pmfKey('f', { kind: 'fixed', minSeconds: 5, maxSeconds: 10, jitter: 0.2 }),
    );
    expect(pmfKey('f', 1, 2)).not.toBe(pmfKey('f', 12));
    expect(pmfKey('f', 'a b')).not.toBe(pmfKey('f', 'a', 'b'));
  });
});
