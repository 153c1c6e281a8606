// Turns a frequency answer into an incident count over the past year (CTS convention, domain.md section 2).
import { InvalidInputError } from '../errors.js';
import type { FrequencyCategory } from './frequencyCategory.js';

/** An incident count for the past 12 months, and whether it ever happened at all. */
export interface FrequencyCount {
  count: number;
  ever: boolean;
}

/**
 * The CTS scoring convention takes the midpoint of each band (3-5 -> 4, 6-10 -> 8, 11-20 -> 15)
 * and 25 for "more than 20". Anything that happened in the past year has also happened ever;
 * "not in the past year but before" adds nothing to the count but still sets `ever`.
 * Frozen objects so callers can share them without allocating on every answer.
 */
const TABLE: Readonly<Record<FrequencyCategory, Readonly<FrequencyCount>>> = {
  never: Object.freeze({ count: 0, ever: false }),
  once: Object.freeze({ count: 1, ever: true }),
  twice: Object.freeze({ count: 2, ever: true }),
  '3-5': Object.freeze({ count: 4, ever: true }),
  '6-10': Object.freeze({ count: 8, ever: true }),
  '11-20': Object.freeze({ count: 15, ever: true }),
  '20+': Object.freeze({ count: 25, ever: true }),
  before_past_year: Object.freeze({ count: 0, ever: true }),
};

export function frequencyToCount(category: FrequencyCategory): Readonly<FrequencyCount> {
  // Guards against untyped callers (plain JS, JSON) passing an id outside the enum, including
  // inherited names such as "constructor".
  if (!Object.hasOwn(TABLE, category)) throw new InvalidInputError(`frequency: unknown category ${JSON.stringify(category)}`);
  return TABLE[category];
}
