// The scoring core's public door: pure functions and types, nothing that does I/O.
export { score } from './score.js';
export { parseScoreInput } from './parseScoreInput.js';
export { ScoreInputSchema, type ScoreInput } from './scoreInputSchema.js';
export type { ScoreResult, PyramidGroup } from './scoreResult.js';
export type { ViolenceLevel } from './violenceLevel.js';
export type { IncidentCounts } from './incidentCounts.js';
export { partnerViolenceLevel } from './partnerViolenceLevel.js';
export { childAbuseLevel } from './childAbuseLevel.js';
export { combineTrauma } from './combineTrauma.js';
export { riskCumulation } from './riskCumulation.js';
export { pyramidRange } from './pyramidRange.js';
export { FREQUENCY_CATEGORIES, FrequencyCategorySchema, type FrequencyCategory } from './frequencyCategory.js';
export { frequencyToCount, type FrequencyCount } from './frequencyToCount.js';
export { SCORING_THRESHOLDS } from './thresholds.js';
