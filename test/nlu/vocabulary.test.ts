// The shared word cache: a word is cached from its second sighting on, whatever other words are seen in between.
import { describe, expect, it } from 'vitest';
import { infoOf } from '../../src/nlu/vocabulary.js';

describe('word cache doorkeeper', () => {
  it('caches every word seen twice, also among thousands of others (no two words keep pushing each other out)', () => {
    const words = Array.from({ length: 5_000 }, (_, i) => `w${i.toString(36)}q`);
    // Two sightings each, all first sightings before any second one.
    for (const w of words) infoOf(w);
    for (const w of words) infoOf(w);
    const uncached = words.filter((w) => infoOf(w) !== infoOf(w));
    expect(uncached).toEqual([]);
  });

  it('does not cache a word seen once', () => {
    const first = infoOf('eenmaligwoordxyz');
    expect(first.word).toBe('eenmaligwoordxyz');
    const second = infoOf('eenmaligwoordxyz');
    // The second sighting is the one that is cached.
    expect(second).not.toBe(first);
    expect(infoOf('eenmaligwoordxyz')).toBe(second);
  });
});
