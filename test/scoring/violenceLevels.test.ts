// Partner violence and child abuse levels: every boundary, severe overriding, and unknown counts.
import { describe, expect, it } from 'vitest';
import { childAbuseLevel, partnerViolenceLevel } from '../../src/scoring/index.js';

type Counts = { mildIncidents?: number | null; severeIncidents?: number | null };

describe('partnerViolenceLevel', () => {
  it.each<[number, number, string]>([
    [0, 0, 'none'],
    [3, 0, 'none'],
    [4, 0, 'mild'],
    [21, 0, 'mild'],
    [22, 0, 'severe'],
    [500, 0, 'severe'],
    [0, 1, 'severe'],
    [3, 1, 'severe'],
    [0, 7, 'severe'],
  ])('%i mild and %i severe -> %s', (mild, severe, level) => {
    expect(partnerViolenceLevel({ mildIncidents: mild, severeIncidents: severe })).toBe(level);
  });

  it.each<[string, Counts | null | undefined, string | null]>([
    ['section missing', undefined, null],
    ['section null', null, null],
    ['both counts missing', {}, null],
    ['severe known 0, mild missing', { severeIncidents: 0 }, null],
    ['mild 3, severe missing (could be none or severe)', { mildIncidents: 3 }, null],
    ['mild 21, severe null', { mildIncidents: 21, severeIncidents: null }, null],
    ['mild 22, severe missing', { mildIncidents: 22 }, 'severe'],
    ['severe 1, mild missing', { severeIncidents: 1 }, 'severe'],
    ['severe 1, mild null', { mildIncidents: null, severeIncidents: 1 }, 'severe'],
  ])('%s -> %s', (_name, counts, level) => {
    expect(partnerViolenceLevel(counts)).toBe(level);
  });
});

describe('childAbuseLevel', () => {
  it.each<[number, number, string]>([
    [0, 0, 'none'],
    [1, 0, 'mild'],
    [2, 0, 'mild'],
    [3, 0, 'severe'],
    [40, 0, 'severe'],
    [0, 1, 'severe'],
    [1, 1, 'severe'],
    [2, 3, 'severe'],
  ])('%i mild and %i severe -> %s', (mild, severe, level) => {
    expect(childAbuseLevel({ mildIncidents: mild, severeIncidents: severe })).toBe(level);
  });

  it.each<[string, Counts | null | undefined, string | null]>([
    ['section missing', undefined, null],
    ['section null', null, null],
    ['both counts missing', {}, null],
    ['severe 0, mild missing', { severeIncidents: 0 }, null],
    ['mild 0, severe missing', { mildIncidents: 0 }, null],
    ['mild 2, severe missing', { mildIncidents: 2 }, null],
    ['mild 3, severe missing', { mildIncidents: 3 }, 'severe'],
    ['severe 1, mild missing', { severeIncidents: 1 }, 'severe'],
  ])('%s -> %s', (_name, counts, level) => {
    expect(childAbuseLevel(counts)).toBe(level);
  });
});
