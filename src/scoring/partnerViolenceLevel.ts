// Partner violence level over the past 12 months (domain.md section 2).
import { classifyIncidents } from './classifyIncidents.js';
import type { IncidentCounts } from './incidentCounts.js';
import { SCORING_THRESHOLDS } from './thresholds.js';
import type { ViolenceLevel } from './violenceLevel.js';

/** none: <= 3 mild and 0 severe; mild: 4..21 mild and 0 severe; severe: >= 22 mild or >= 1 severe. */
export function partnerViolenceLevel(counts: IncidentCounts | null | undefined): ViolenceLevel | null {
  return classifyIncidents(counts, SCORING_THRESHOLDS.partnerViolence);
}
