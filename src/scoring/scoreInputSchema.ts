// The zod schema of the `score` input (interfaces.md): every section optional, unknown keys invalid.
import { z } from 'zod';
import { RISK_FACTOR_IDS, type RiskFactorId } from '../ids.js';

/**
 * Conventions where the contract is silent:
 * - A section left out and a section given as `null` both mean "not assessed".
 * - Inside partnerViolence / childAbuse a count left out or `null` is unknown.
 * - A risk factor left out or `null` is not assessed; `false` means assessed and absent.
 * Counts are safe integers >= 0 (zod 4's `.int()` also rejects unsafe integers).
 */
const WHOLE = `expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;
const count = z.number().int({ error: WHOLE }).min(0, { error: WHOLE }).nullable().optional();

const incidents = z
  .strictObject({
    mildIncidents: count,
    severeIncidents: count,
  })
  .nullable()
  .optional();

const flag = z.boolean().nullable().optional();

const riskFactorShape = Object.fromEntries(RISK_FACTOR_IDS.map((id) => [id, flag])) as Record<RiskFactorId, typeof flag>;

export const ScoreInputSchema = z.strictObject({
  partnerViolence: incidents,
  childAbuse: incidents,
  trauma: z.strictObject({ parent: flag, child: flag }).nullable().optional(),
  unsafeAttachment: flag,
  childEmotionalInsecurity: flag,
  riskFactors: z.strictObject(riskFactorShape).nullable().optional(),
});

export type ScoreInput = z.infer<typeof ScoreInputSchema>;
