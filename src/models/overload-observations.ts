/**
 * What was observed during the two Skype outages, as data the overload model is fitted to (2010) or checked against
 * (2007), each point with its uncertainty and its row of the calibration table
 * (`docs/reference/skype-calibration.md`, section 6), and the free parameters of the 2010 fit with their source
 * ranges. Plain data (src/models): the fit itself lives in src/compare/overload-calibration.ts.
 *
 * @module
 */
import type { OverloadParams } from './overload-params.ts';
import { withOverloadParams } from './overload-params.ts';
import { FragilityInputError } from '../errors.ts';

/**
 * One observed online fraction (of the normal online count at that hour, which is what every source reports).
 * A point (`t`) or a window (`t` to `tEnd`, compared with the model's mean over the window).
 *
 * @category Overload model
 */
export interface OverloadObservation {
  /** Hours after the onset T (start of the window when `tEnd` is set). */
  t: number;
  /** End of the window, hours (absent = a point). */
  tEnd?: number;
  /** Observed online fraction. */
  online: number;
  /** One-standard-deviation uncertainty (half the reported range, or ±0.05 for a figure given as "about"). */
  sigma: number;
  /** Short label (what and when). */
  label: string;
  /** Row(s) of the calibration table. */
  source: string;
}

/**
 * December 2010 (T = 22 Dec 16:30 UTC). Uncertainties: half the reported range where one is given (15–20 % → ±0.025;
 * 80–85 % → ±0.025), ±0.05 for the figures reported as "about" or read off a count against a normal of 20–23 M.
 *
 * @category Overload model
 */
export const SKYPE_2010_OBSERVATIONS: readonly OverloadObservation[] = [
  {
    t: 2.17,
    online: 5.14 / 21,
    sigma: 0.05,
    label: 'RSS 5.14 M of ≈21 M (18:40 UTC)',
    source: 'row 2 [S3] skypenumerology',
  },
  {
    t: 11.5,
    tEnd: 15.5,
    online: 0.175,
    sigma: 0.025,
    label: '15–20 % back (Wed night PST, 04–08 UTC)',
    source: 'row 2 [S1] CIO, Japanese text',
  },
  { t: 20, online: 0.3, sigma: 0.05, label: '≈30 % (≈5 M, 23 Dec early)', source: 'row 3 [S3] kashifnomi, CSMonitor' },
  {
    t: 22,
    online: 0.48,
    sigma: 0.05,
    label: '>10 M, doubled in an hour (14:30 UTC)',
    source: 'row 3 [S3] CSMonitor, Fox',
  },
  {
    t: 24.5,
    online: 0.825,
    sigma: 0.025,
    label: '16.5–17 M, 80–85 % (17:00 UTC)',
    source: 'row 3 [S3] Bates via 901am',
  },
  {
    t: 27.5,
    online: 0.825,
    sigma: 0.025,
    label: '16.5–17 M, 80–85 % (20:00 UTC)',
    source: 'row 3 [S3] Bates via 901am',
  },
  { t: 48, online: 1, sigma: 0.025, label: 'normal by 24 Dec', source: 'rows 3, 25 [S1] Threatpost' },
];

/**
 * August 2007 (T = 16 Aug 14:00 UTC, as the skype-2007 scenario; normal 7 M online, row 26). Not fitted: the 2007
 * scenario is predicted from the 2010 fit (out of sample).
 *
 * @category Overload model
 */
export const SKYPE_2007_OBSERVATIONS: readonly OverloadObservation[] = [
  { t: 8.25, online: 149_608 / 7e6, sigma: 0.02, label: '149,608 online (16 Aug 15:15 PDT)', source: 'row 26 [S4]' },
  { t: 24.75, online: 3.15 / 7, sigma: 0.05, label: '3.15 M (17 Aug 07:45 PDT)', source: 'row 26 [S4]' },
  { t: 26, online: 3 / 8, sigma: 0.05, label: '≈3 M of ≈8 M usual (17 Aug noon EDT)', source: 'row 26 [S4]' },
  { t: 44, online: 1, sigma: 0.05, label: 'normal (18 Aug 10:00 UTC)', source: 'rows 25–26 [S4]' },
];

/**
 * One free parameter of the fit: its path in {@link OverloadParams}, its source range and the row giving it.
 *
 * @category Overload model
 */
export interface OverloadFitParameter {
  /** 'abandon.share', 'abandon.meanHours', 'promotion.meanHours', 'mega.waves[1].atHours' or 'mega.waves[1].overHours'. */
  name: OverloadFitParameterName;
  /** Lower end of the source range. */
  lo: number;
  /** Upper end of the source range. */
  hi: number;
  /** Where the range comes from. */
  source: string;
}

/**
 * The parameters the 2010 fit may move.
 *
 * @category Overload model
 */
export type OverloadFitParameterName =
  | 'abandon.share'
  | 'abandon.meanHours'
  | 'promotion.meanHours'
  | 'mega.waves[1].atHours'
  | 'mega.waves[1].overHours'
  | 'mega.waves[1].count';

/**
 * The free parameters of the 2010 fit, each bounded by its source range (the fit cannot leave it).
 *
 * @category Overload model
 */
export const SKYPE_2010_FIT_PARAMETERS: readonly OverloadFitParameter[] = [
  { name: 'abandon.share', lo: 0, hi: 0.3, source: 'row 27 (L): share of give-ups that are users closing Skype' },
  { name: 'abandon.meanHours', lo: 2, hi: 24, source: 'row 27 (L): human time scale, hours up to the next day' },
  {
    name: 'promotion.meanHours',
    lo: 0.25,
    hi: 3,
    source: 'row 28: re-promotion needs ≥ 1–2 h uptime (row 12), LimeWire retries after 2–3 h (row 18)',
  },
  {
    name: 'mega.waves[1].atHours',
    lo: 12,
    hi: 16,
    source: 'row 22: more mega-supernodes from Wednesday night PST (T+12–16 h)',
  },
  {
    name: 'mega.waves[1].overHours',
    lo: 0,
    hi: 12,
    source: 'row 30 (L): servers repurposed one after another until "most users could connect" (23 Dec PST)',
  },
  {
    name: 'mega.waves[1].count',
    lo: 220,
    hi: 420,
    source: 'row 22: "hundreds", 300–500 in all; the first wave has 80',
  },
];

/**
 * Read a fit parameter from a parameter set (the mechanism off reads as 0 share / the range's low end).
 *
 * @category Overload model
 */
export function getFitParameter(p: OverloadParams, name: OverloadFitParameterName): number {
  switch (name) {
    case 'abandon.share':
      return p.abandon?.share ?? 0;
    case 'abandon.meanHours':
      return p.abandon?.meanHours ?? 2;
    case 'promotion.meanHours':
      return p.promotion?.meanHours ?? 0.25;
    case 'mega.waves[1].atHours':
      return p.mega.waves[1]?.atHours ?? NaN;
    case 'mega.waves[1].overHours':
      return p.mega.waves[1]?.overHours ?? 0;
    case 'mega.waves[1].count':
      return p.mega.waves[1]?.count ?? NaN;
  }
}

/**
 * A parameter set with the given fit parameters replaced.
 *
 * @param base - the parameters (must have at least two mega-supernode waves for the `mega.waves[1]` parameters).
 * @param values - values by name.
 * @returns a new parameter set.
 * @throws FragilityInputError when a `mega.waves[1]` parameter is set and `base` has fewer than two waves.
 *
 * @category Overload model
 */
export function setFitParameters(
  base: OverloadParams,
  values: Partial<Record<OverloadFitParameterName, number>>,
): OverloadParams {
  const waves = base.mega.waves.map((w) => ({ ...w }));
  const w1 = ['mega.waves[1].atHours', 'mega.waves[1].overHours', 'mega.waves[1].count'] as const;
  if (w1.some((k) => values[k] !== undefined) && waves.length < 2) {
    throw new FragilityInputError('mega.waves', waves.length, 'at least 2 waves for the mega.waves[1] fit parameters');
  }
  if (values['mega.waves[1].atHours'] !== undefined) waves[1].atHours = values['mega.waves[1].atHours'];
  if (values['mega.waves[1].overHours'] !== undefined) waves[1].overHours = values['mega.waves[1].overHours'];
  // a wave holds a whole number of mega-supernodes: the fit's continuous count is rounded
  if (values['mega.waves[1].count'] !== undefined) waves[1].count = Math.round(values['mega.waves[1].count']);
  const ab = values['abandon.share'] !== undefined || values['abandon.meanHours'] !== undefined;
  return withOverloadParams(base, {
    mega: { waves },
    ...(ab
      ? {
          abandon: {
            ...(values['abandon.share'] !== undefined ? { share: values['abandon.share'] } : {}),
            ...(values['abandon.meanHours'] !== undefined ? { meanHours: values['abandon.meanHours'] } : {}),
          },
        }
      : {}),
    ...(values['promotion.meanHours'] !== undefined ? { promotion: { meanHours: values['promotion.meanHours'] } } : {}),
  });
}
