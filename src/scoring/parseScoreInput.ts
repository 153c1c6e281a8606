// Validates an untrusted value (parsed JSON, a request body) as a score input.
import { parseOrThrow } from '../validation.js';
import { ScoreInputSchema, type ScoreInput } from './scoreInputSchema.js';

/** Throws InvalidInputError whose one-line message names the wrong field, e.g. "riskFactors.foo: unknown field". */
export function parseScoreInput(value: unknown): ScoreInput {
  return parseOrThrow(ScoreInputSchema, value);
}
