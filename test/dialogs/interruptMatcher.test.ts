// Interrupt phrases: whole-message commands, questions inside a sentence, and everyday sentences that are not commands.
import { describe, expect, it } from 'vitest';
import { matchInterrupt } from '../../dialogs/main/interruptMatcher.js';

describe('matchInterrupt', () => {
  it.each([
    ['Stop!', 'stop'],
    ['stoppen', 'stop'],
    ['ik wil een mens', 'human'],
    ['Kan ik met een medewerker praten?', 'human'],
    ['I want a staff member', 'human'],
    ['help', 'help'],
    ['Ben je een bot?', 'bot'],
    ['are you a robot', 'bot'],
    ['terug', 'back'],
    ['Waar kan ik terecht?', 'where'],
    ['Tips voor mijn veiligheid', 'safety_info'],
  ])('%s -> %s', (text, expected) => {
    expect(matchInterrupt(text)).toBe(expected);
  });

  it.each(['hij moet stoppen met slaan', 'ik ga terug naar huis', 'mijn vriend is een mens die slaat', 'helpen jullie ook mannen', 'Nooit'])(
    '"%s" is no interrupt',
    (text) => {
      expect(matchInterrupt(text)).toBeUndefined();
    },
  );
});
