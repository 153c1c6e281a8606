// The choice prompt's fast path for pressed buttons gives what botbuilder's full recognizer gives for the same text.
import { recognizeChoices } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { exactChoice } from '../../dialogs/shared/choicePrompt.js';

const CHOICES = ['Ja', 'Nee', 'Weet ik niet', 'Een paar keer', 'Ik ben een kind (8-18)'].map((value) => ({ value }));

describe('exactChoice', () => {
  it.each(CHOICES.map((c) => c.value))('"%s" resolves to the same choice, index and score as recognizeChoices', (value) => {
    const full = recognizeChoices(value, CHOICES, { locale: 'nl-nl' });
    const best = full.reduce((a, b) => (b.resolution.score > a.resolution.score || (b.resolution.score === a.resolution.score && b.end - b.start > a.end - a.start) ? b : a));
    const fast = exactChoice(value, CHOICES);
    expect(fast).toBeDefined();
    expect({ value: fast!.value, index: fast!.index, score: fast!.score }).toEqual({ value: best.resolution.value, index: best.resolution.index, score: best.resolution.score });
  });

  it('ignores case and surrounding spaces, and leaves anything else to the recognizer', () => {
    expect(exactChoice('  nee ', CHOICES)?.index).toBe(1);
    expect(exactChoice('nee hoor', CHOICES)).toBeUndefined();
    expect(exactChoice('2', CHOICES)).toBeUndefined();
    expect(exactChoice('', CHOICES)).toBeUndefined();
  });
});
