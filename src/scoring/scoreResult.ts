// The shape of a scoring result (interfaces.md `score`); null always means "cannot be known".
import type { ViolenceLevel } from './violenceLevel.js';

export type PyramidGroup = 1 | 2 | 3 | 4 | 5;

export interface ScoreResult {
  partnerViolence: ViolenceLevel | null;
  childAbuse: ViolenceLevel | null;
  trauma: boolean | null;
  unsafeAttachment: boolean | null;
  childEmotionalInsecurity: boolean | null;
  /** Risk factors answered true. */
  riskFactorCount: number;
  riskCumulation: boolean | null;
  /** Set only when the unknowns leave exactly one group possible. */
  group: PyramidGroup | null;
  /** Lowest and highest group still possible. */
  groupRange: [PyramidGroup, PyramidGroup];
  /** Risk factors answered true or false (the rest were not assessed). */
  riskFactorsAssessed: number;
}
