// One rule for both violence scales: none / mild / severe from mild and severe incident counts.
import type { IncidentCounts } from './incidentCounts.js';
import type { ViolenceLevel } from './violenceLevel.js';

/** Cut-offs of one scale; see thresholds.ts. */
export interface IncidentCutoffs {
  readonly noneMaxMild: number;
  readonly severeMinMild: number;
  readonly severeMinSevere: number;
}

/**
 * The level, or null when the counts given cannot decide it. A missing count only blocks the
 * answer when the other count does not settle it already: one severe incident is severe
 * whatever the mild count is, and enough mild incidents are severe whatever the severe count is.
 */
export function classifyIncidents(counts: IncidentCounts | null | undefined, cut: IncidentCutoffs): ViolenceLevel | null {
  if (counts == null) return null;
  const mild = counts.mildIncidents;
  const severe = counts.severeIncidents;
  if (severe != null && severe >= cut.severeMinSevere) return 'severe';
  if (mild != null && mild >= cut.severeMinMild) return 'severe';
  if (mild == null || severe == null) return null;
  return mild <= cut.noneMaxMild ? 'none' : 'mild';
}
