// The scoring core: violence levels, risk cumulation and the pyramid group from one assessment.
import { RISK_FACTOR_IDS } from '../ids.js';
import { childAbuseLevel } from './childAbuseLevel.js';
import { combineTrauma } from './combineTrauma.js';
import { partnerViolenceLevel } from './partnerViolenceLevel.js';
import { pyramidRange } from './pyramidRange.js';
import { riskCumulation } from './riskCumulation.js';
import type { ScoreInput } from './scoreInputSchema.js';
import type { ScoreResult } from './scoreResult.js';

const FACTOR_TOTAL = RISK_FACTOR_IDS.length;
const FACTOR_IDS: ReadonlySet<string> = new Set(RISK_FACTOR_IDS);

/**
 * Pure and allocation-light (one result object and its range tuple) because the bot rescoring
 * after every answer and the benchmark both call it in tight loops. Expects a validated input
 * (parseScoreInput); violence is reported next to the group and does not decide it (S1).
 */
export function score(input: ScoreInput): ScoreResult {
  let present = 0;
  let assessed = 0;
  const factors = input.riskFactors;
  if (factors != null) {
    // Over the keys the input has, not over all sixteen ids: answers leave out different factors, so the inputs come
    // in many shapes, and looking up sixteen names in objects of many shapes was most of the time of a call.
    // for-in sees the same properties a lookup by name would (own and inherited, enumerable); unknown keys count nothing.
    for (const key in factors) {
      const value = factors[key as keyof typeof factors];
      if (value === true) {
        if (FACTOR_IDS.has(key)) {
          present++;
          assessed++;
        }
      } else if (value === false) {
        if (FACTOR_IDS.has(key)) assessed++;
      }
    }
  }
  const trauma = input.trauma == null ? null : combineTrauma(input.trauma.parent, input.trauma.child);
  const unsafeAttachment = input.unsafeAttachment ?? null;
  const childEmotionalInsecurity = input.childEmotionalInsecurity ?? null;
  const cumulation = riskCumulation(present, FACTOR_TOTAL - assessed);
  const groupRange = pyramidRange(trauma, unsafeAttachment, childEmotionalInsecurity, cumulation);
  return {
    partnerViolence: partnerViolenceLevel(input.partnerViolence),
    childAbuse: childAbuseLevel(input.childAbuse),
    trauma,
    unsafeAttachment,
    childEmotionalInsecurity,
    riskFactorCount: present,
    riskCumulation: cumulation,
    group: groupRange[0] === groupRange[1] ? groupRange[0] : null,
    groupRange,
    riskFactorsAssessed: assessed,
  };
}
