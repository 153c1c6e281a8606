// Behaviour of the word lists and rules on wordings people use: gaps inside phrases, implicit threats, household weapons, negation, look-alikes and writer roles.
import { describe, expect, it } from 'vitest';
import { CRITICAL_SIGNALS, type Role, type SignalId } from '../../src/ids.js';
import { getAnalyser } from '../../src/nlu/index.js';
import { normalise } from '../../src/nlu/normalise.js';
import { getLexicalDetector } from '../../src/nlu/safety/lexical.js';

const analyser = await getAnalyser();
const critical = (text: string, lang: 'nl' | 'en' = 'nl') =>
  analyser.analyse(text, lang).signals.filter((s) => (CRITICAL_SIGNALS as readonly string[]).includes(s));
const lexical = (text: string) => getLexicalDetector().detect(normalise(text).split(' ')).signals;

describe('critical wordings beyond fixed phrases', () => {
  const cases: [string, SignalId, 'nl' | 'en'][] = [
    ['mijn opa zit altijd aan me als oma weg is', 'sexual_violence', 'nl'],
    ['iedereen is beter af zonder mij', 'self_harm', 'nl'],
    ['hoeveel slaappillen zijn dodelijk', 'self_harm', 'nl'],
    ['ik krab mijn armen open tot het bloedt', 'self_harm', 'nl'],
    ['I keep thinking everyone would be better off if i was dead', 'self_harm', 'en'],
    ['hij dreigde dat hij me van het balkon gooit', 'threat_to_kill', 'nl'],
    ['hij zei dat ik beter alvast een uitvaartverzekering kan afsluiten', 'threat_to_kill', 'nl'],
    ['he showed me the article and said "that could be you"', 'threat_to_kill', 'en'],
    ['hij zei dat dit mijn laatste verjaardag is', 'threat_to_kill', 'nl'],
    ['ze gooide een glazen fles naar mijn hoofd', 'weapon', 'nl'],
    ['he hit me with the hoover hose', 'weapon', 'en'],
    ['hij trok een plastic zak over mijn hoofd en hield hem dicht', 'strangulation', 'nl'],
    ['hij heeft me gedwongen, ik wilde echt niet', 'sexual_violence', 'nl'],
    ['ik werd wakker en hij zat al aan me terwijl ik sliep', 'sexual_violence', 'nl'],
    ['ik heb mijn zoontje een harde klap gegeven', 'child_harm', 'nl'],
    ['mijn moeder zegt elke dag dat ze wou dat ik nooit geboren was', 'child_harm', 'nl'],
    ['de buurman is altijd dronken en zijn dochtertje loopt om middernacht alleen buiten met honger', 'child_harm', 'nl'],
    ['hij staat met een mes te zwaaien beneden, help', 'acute_danger', 'nl'],
    ['ik zit met de deur op slot op zolder, hij is razend', 'acute_danger', 'nl'],
    ['hij zegt dat hij de filmpjes online zet als ik niet meer met hem naar bed ga', 'sexual_violence', 'nl'],
    ['a man at my work keeps groping me', 'sexual_violence', 'en'],
    ['he threatened to drown me if i told anyone', 'threat_to_kill', 'en'],
    ['my dad is chasing my mum with the bread knife', 'weapon', 'en'],
    ['he says accidents happen and nobody would ask questions if i fell down the stairs', 'threat_to_kill', 'en'],
  ];
  it.each(cases)('%s -> %s', (text, signal, lang) => {
    expect(analyser.analyse(text, lang).signals).toContain(signal);
  });
});

describe('spelling slips', () => {
  it('strong single words match with one slip, other words do not', async () => {
    const { oneSlip } = await import('../../src/nlu/safety/lexical.js');
    expect(oneSlip('vekracht', 'verkracht')).toBe(true);
    expect(oneSlip('vermoort', 'vermoord')).toBe(true);
    expect(oneSlip('gewerkt', 'gewurgd')).toBe(false);
    expect(lexical('mn vriend heeft me vekracht gister')).toContain('sexual_violence');
    expect(lexical('ik heb de hele dag gewerkt en ben echt kapot')).toEqual([]);
  });
});

describe('gaps and exceptions in the word lists', () => {
  it('a ~ gap takes up to two words of the same clause, not more and not across a comma', () => {
    expect(lexical('hij zit altijd aan me')).toContain('sexual_violence');
    expect(lexical('hij zit elke avond weer aan me')).not.toContain('sexual_violence');
    expect(lexical('hij zit, aan me')).not.toContain('sexual_violence');
  });

  it("an 'unless' group cancels: a child who hits the writer is no child harm", () => {
    expect(lexical('de vriend van mama slaat mijn broertje')).toContain('child_harm');
    expect(lexical('mijn zoon slaat mij als hij boos is')).not.toContain('child_harm');
  });

  it('forced to do something else is not read as sexual violence', () => {
    expect(critical('hij heeft me gedwongen om mijn spaargeld af te geven')).not.toContain('sexual_violence');
    expect(critical('hij heeft me gedwongen, ik wilde echt niet')).toContain('sexual_violence');
  });
});

describe('negation and harmless look-alikes', () => {
  const neutral = [
    'ik ben niet in gevaar hoor, ik wilde even kijken hoe dit werkt',
    'bij judo leerden we een wurggreep, alleen op de mat',
    'this heat is suffocating',
    'mijn opa had in de oorlog een geweer, daar vertelt hij over',
    'ik sneed me aan het broodmes, stom van mezelf',
    'deze deadline maakt me kapot',
    'het is hier zo heet dat ik bijna stik',
    'I cut my hair myself and it looks awful',
    'ik sta op de brug te wachten op mijn vriendin, we gaan vissen',
    'mijn dochter wurgde bijna de kat toen ze hem knuffelde',
    'hoeveel paracetamol mag ik per dag bij koorts',
    'mijn zoon heeft de hele dag honger, hij groeit zo hard',
    'he said "sorry" and it was fine',
    'mijn vriend zou nooit een mes tegen me gebruiken, hij is heel lief',
    'i cut myself chopping onions lol',
    'he killed it at the talent show last night',
    'we keken een horrorfilm met veel bloed en messen',
  ];
  it.each(neutral)('%s -> no critical signal', (text) => {
    expect(critical(text, /[a-z]/.test(text) && /\b(the|my|he|this|i)\b/i.test(text) ? 'en' : 'nl')).toEqual([]);
  });

  it('a quote mark before a word is no contraction', () => {
    expect(normalise("he said 'that could be you'")).toBe('he said that could be you');
    expect(normalise("'s nachts en op 't balkon")).toBe('nachts en op het balkon');
  });
});

describe('who is writing', () => {
  const cases: [string, Role, 'nl' | 'en'][] = [
    ['vorige week heb ik haar een klap gegeven, ik wil dat het stopt', 'perpetrator', 'nl'],
    ['ik mijn vrouw laatst hard heb vastgepakt en nu schaam ik me', 'perpetrator', 'nl'],
    ['i sometimes lose it and grab my girlfriend by the arms', 'perpetrator', 'en'],
    ['ik blijf haar maar appen en bellen, ik kan het niet loslaten', 'perpetrator', 'nl'],
    ['ik hoor bij de bovenburen elke nacht gegil en klappen', 'bystander', 'nl'],
    ['als oppas hoor ik van de kinderen dat papa mama slaat', 'bystander', 'nl'],
    ['mijn kleindochter vertelt dat haar vader haar moeder pijn doet', 'bystander', 'nl'],
    ['mijn vriend (16) wil altijd weten waar ik ben', 'young_person', 'nl'],
    ['ik (14) word soms zo boos op mijn moeder', 'young_person', 'nl'],
    ['mijn buurvrouw wordt geslagen door haar man', 'bystander', 'nl'],
    ['ik sla mijn vrouw als ik boos ben', 'perpetrator', 'nl'],
    ['mijn kind van 6 wordt door zijn vader geslagen en mij slaat hij ook', 'victim', 'nl'],
  ];
  it.each(cases)('%s -> %s', (text, role, lang) => {
    expect(analyser.analyse(text, lang).role).toBe(role);
  });
});
