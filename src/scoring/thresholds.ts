// The cut-offs of the scoring core (domain.md section 2), in one place so the rules read as data.

/**
 * Every number is a count of incidents over the past 12 months (both directions summed for
 * partner violence) or a count of risk factors. Changing one changes who lands in which level
 * or group, so each must keep its source.
 */
export const SCORING_THRESHOLDS = {
  partnerViolence: {
    /** Up to this many mild incidents (and no severe) is "none" (R L1495-1499). */
    noneMaxMild: 3,
    /** From this many mild incidents on it is "severe"; S1 leaves 22 open, the report's methods count 22 as severe. */
    severeMinMild: 22,
    /** One severe incident is enough for "severe". */
    severeMinSevere: 1,
  },
  childAbuse: {
    /** Zero incidents is "none"; 1 or 2 mild (and no severe) is "mild". */
    noneMaxMild: 0,
    /** Three or more mild incidents is "severe". */
    severeMinMild: 3,
    /** One severe incident is enough for "severe". */
    severeMinSevere: 1,
  },
  /** S1 uses 5 or more of the 16 risk factors as "cumulation of risk factors" (pyramid group 2). */
  riskCumulationMin: 5,
} as const;
