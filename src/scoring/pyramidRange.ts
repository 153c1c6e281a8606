// The policy pyramid (S1): which groups are still possible given the answers, strict priority.
import type { PyramidGroup } from './scoreResult.js';

/**
 * Walks the chain trauma -> 5, unsafe attachment -> 4, emotional insecurity -> 3,
 * cumulation -> 2, else 1. A true answer ends the walk in its group; an unknown adds its group
 * as possible and goes on; a false goes on. Groups fall along the chain, so the first possible
 * group is the highest and the one the walk ends in is the lowest. The possible set may have
 * gaps (unknown trauma, all else false: {5, 1}); the range spans them, as interfaces.md asks.
 */
export function pyramidRange(
  trauma: boolean | null,
  unsafeAttachment: boolean | null,
  childEmotionalInsecurity: boolean | null,
  riskCumulation: boolean | null,
): [PyramidGroup, PyramidGroup] {
  let max: PyramidGroup | 0 = 0;
  if (trauma === true) return [5, max || 5];
  if (trauma === null) max = 5;
  if (unsafeAttachment === true) return [4, max || 4];
  if (unsafeAttachment === null && max === 0) max = 4;
  if (childEmotionalInsecurity === true) return [3, max || 3];
  if (childEmotionalInsecurity === null && max === 0) max = 3;
  if (riskCumulation === true) return [2, max || 2];
  if (riskCumulation === null && max === 0) max = 2;
  return [1, max || 1];
}
