// Cumulation of risk factors: enough of the 16 present at once (S1, domain.md section 2).
import { SCORING_THRESHOLDS } from './thresholds.js';

/**
 * true once `present` reaches the threshold; false when even every unassessed factor turning
 * out present could not reach it; otherwise unknown.
 */
export function riskCumulation(present: number, unassessed: number): boolean | null {
  const min = SCORING_THRESHOLDS.riskCumulationMin;
  if (present >= min) return true;
  if (present + unassessed < min) return false;
  return null;
}
