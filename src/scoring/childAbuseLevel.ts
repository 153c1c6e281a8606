// Child abuse level over the past 12 months (domain.md section 2).
import { classifyIncidents } from './classifyIncidents.js';
import type { IncidentCounts } from './incidentCounts.js';
import { SCORING_THRESHOLDS } from './thresholds.js';
import type { ViolenceLevel } from './violenceLevel.js';

/** none: 0 incidents; mild: 1 or 2 mild and 0 severe; severe: >= 3 mild or >= 1 severe. */
export function childAbuseLevel(counts: IncidentCounts | null | undefined): ViolenceLevel | null {
  return classifyIncidents(counts, SCORING_THRESHOLDS.childAbuse);
}
