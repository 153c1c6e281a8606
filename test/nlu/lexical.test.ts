// The recall-first lexical detector: word forms and compounds are found, negation and harmless look-alikes are not; huge text is normalised in pieces.
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/nlu/normalise.js';
import { getLexicalDetector, LexicalDataSchema, LexicalDetector } from '../../src/nlu/safety/lexical.js';
import rawData from '../../src/nlu/safety/lexical.json' with { type: 'json' };

const detector = getLexicalDetector();
const signalsOf = (text: string) => detector.detect(normalise(text).split(' ')).signals;

describe('lexical detector', () => {
  it.each([
    ['hij dreigde me te vermoorden', 'threat_to_kill'],
    ['he said he would murder us all', 'threat_to_kill'],
    ['hij zei dat hij me kan laten verdwijnen', 'threat_to_kill'],
    ['hij pakte een keukenmes en kwam op me af', 'weapon'],
    ['my husband keeps a pistol in the drawer', 'weapon'],
    ['hij heeft me gewurgd', 'strangulation'],
    ['he squeezed my neck until I could not breathe', 'strangulation'],
    ['mijn oom heeft me aangerand', 'sexual_violence'],
    ['ik zei nee maar hij ging gewoon door', 'sexual_violence'],
    ['papa slaat mijn broertje met de riem', 'child_harm'],
    ['ik zie het niet meer zitten', 'self_harm'],
    ['I have started cutting again', 'self_harm'],
    ['hij heeft me opgesloten in de slaapkamer', 'acute_danger'],
    ['he is on his way here and he is furious', 'acute_danger'],
  ])('finds %s', (text, signal) => {
    expect(signalsOf(text)).toContain(signal);
  });

  it.each([
    'ik ben doodmoe na vandaag',
    'die film was moordgrappig',
    'ik sneed het brood met een broodmes',
    'hij heeft nooit een wapen gehad',
    'my boss is going to kill me for this report',
    'we just killed it at the match haha',
    'we keken een docu over verkrachting in oorlogen',
    'mijn dochter van 4 slaat soms haar knuffel',
  ])('stays quiet on %s', (text) => {
    expect(signalsOf(text).filter((s) => s !== 'extreme_fear')).toEqual([]);
  });

  it('keeps a hit beside a joke word when the writer says it frightens them', () => {
    expect(signalsOf('hij zegt dat hij me vermoordt, hij lacht erbij maar ik vind het eng')).toContain('threat_to_kill');
  });

  it('rejects a rule that names an unknown tag', () => {
    const data = LexicalDataSchema.parse(rawData);
    const broken = { ...data, rules: [{ ...data.rules[0], anchor: ['NO_SUCH_TAG'] }] };
    expect(() => new LexicalDetector(broken)).toThrow(/unknown tag NO_SUCH_TAG/);
  });
});

describe('normalise on huge text', () => {
  it('handles megabytes without a stack overflow and keeps the words', () => {
    const huge = `${'x'.repeat(5_000_000)} hij slaat me`;
    const out = normalise(huge);
    expect(out.endsWith('hij slaat me')).toBe(true);
    expect(normalise('heeeelp ik ben bang')).toBe('heelp ik ben bang');
  });
});
