// Word families added after the independent batches: implicit threats, touching and coercion, neglect beside addiction, passive death wishes, and the look-alikes that keep them from firing on everyday talk.
import { describe, expect, it } from 'vitest';
import { CRITICAL_SIGNALS, type SignalId } from '../../src/ids.js';
import { getAnalyser } from '../../src/nlu/index.js';
import { normalise } from '../../src/nlu/normalise.js';
import { getLexicalDetector } from '../../src/nlu/safety/lexical.js';

const analyser = await getAnalyser();
const critical = (text: string, lang: 'nl' | 'en') =>
  analyser.analyse(text, lang).signals.filter((s) => (CRITICAL_SIGNALS as readonly string[]).includes(s));
/** The word lists alone, so a case cannot pass on the network's say. */
const lexical = (text: string) => getLexicalDetector().detect(normalise(text).split(' ')).signals;

describe('word lists catch the new families on their own', () => {
  const cases: [string, SignalId][] = [
    ['hij zei dat niemand me ooit nog zou terugvinden als ik wegga', 'threat_to_kill'],
    ['he said i would end up in a ditch if i ever left', 'threat_to_kill'],
    ['hij zei dat hij de remkabels van mijn auto doorknipt als ik wegga', 'threat_to_kill'],
    ['she told him she would cut his brakes one day', 'threat_to_kill'],
    ['hij zei rustig: eerst de kinderen en dan zichzelf', 'threat_to_kill'],
    ['he keeps saying he will slit my throat', 'threat_to_kill'],
    ['hij zegt ik maak je dood en lacht er dan om alsof het een grapje is', 'threat_to_kill'],
    ['mijn oom raakt me aan op plekken waar dat niet mag', 'sexual_violence'],
    ['my coach put his hand in my underwear after training', 'sexual_violence'],
    ['hij dwong me om het met zijn broer te doen', 'sexual_violence'],
    ['ik wil niet maar hij pakt me gewoon als ik slaap', 'sexual_violence'],
    ['hij wil elke avond seks en gaat net zo lang door tot ik toegeef', 'sexual_violence'],
    ['hij heeft filmpjes van ons samen en dreigt ze naar mijn familie te sturen', 'sexual_violence'],
    ['hij probeert de voordeur open te breken', 'acute_danger'],
    ['mijn vader is alcoholist en mijn broertjes hebben sinds gisteren niks gegeten', 'child_harm'],
    ['mijn moeder is al vier dagen weg en ik moet voor mijn broertjes zorgen', 'child_harm'],
    ['the kids next door keep asking me for food, their dad is always drunk', 'child_harm'],
    ['ik zou willen dat ik nooit meer hoefde op te staan', 'self_harm'],
    ['ik had nooit geboren moeten worden', 'self_harm'],
    ['het zou fijn zijn om gewoon te verdwijnen', 'self_harm'],
    ['hij sloeg me met zijn wandelstok', 'weapon'],
    ['he threw a kitchen chair at me and i needed stitches', 'weapon'],
    ['hij heeft een jachtgeweer en legt het in de gang sinds ik wil scheiden', 'weapon'],
    ['hij zei dat het net een ongeluk zou lijken', 'threat_to_kill'],
    ['he said he knows people who can make me disappear', 'threat_to_kill'],
    ['hij zegt dat ik het niet na ga vertellen', 'threat_to_kill'],
    ['he took off my clothes while i was passed out', 'sexual_violence'],
    ['de vader van mijn klasgenootje slaat haar met een riem', 'child_harm'],
    ['ik heb al opgezocht hoe ik het het beste kan doen', 'self_harm'],
    ["i don't see myself being here next year", 'self_harm'],
    ["everyone would be happier if i wasn't around", 'self_harm'],
    ['hij zei dat hij me vindt waar ik ook ga', 'threat_to_kill'],
    ['hij likte aan mijn oor terwijl ik dat niet wilde, ik wilde het niet', 'sexual_violence'],
    ['de peuter heeft een gebroken been en niemand kan uitleggen hoe, de ouders kunnen niet zeggen hoe', 'child_harm'],
    ['de buurman laat het meisje van 6 steeds op zijn schoot zitten en zegt dat het hun geheimpje is', 'child_harm'],
  ];
  it.each(cases)('%s -> %s', (text, signal) => {
    expect(lexical(text)).toContain(signal);
  });
});

describe('look-alikes stay quiet', () => {
  const neutral: [string, 'nl' | 'en'][] = [
    ['kill the music for a sec, I am on the phone', 'en'],
    ['kill het licht even als je weggaat', 'nl'],
    ['gisteren 12 kills in fortnite, nieuw record', 'nl'],
    ['we played a murder mystery game and i guessed the killer', 'en'],
    ['deze pan is echt een aanrader', 'nl'],
    ['ik heb zo n honger, wat eten we vanavond', 'nl'],
    ['the kids are home alone for an hour after school, is that ok at 12 and 14?', 'en'],
    ['mijn moeder is al drie dagen weg en oma past op ons', 'nl'],
    ['mijn opa had vroeger een jachtgeweer maar dat heeft hij ingeleverd', 'nl'],
    ['ik wacht tot het klaar is met regenen', 'nl'],
    ['ik doe de kinderen in bad en dan gaan ze naar bed', 'nl'],
    ['we keken een horrorfilm met een bijl erin, ik heb slecht geslapen', 'nl'],
    ['mijn zoontje heeft zijn broertje geschopt toen ze aan het stoeien waren', 'nl'],
    ['the baby is teething and screams for hours every night', 'en'],
    ['ik zit al de hele dag opgesloten op mijn kamer te leren voor mijn examens', 'nl'],
    ['mijn dochter heeft een geheimpje met papa, ze maken een verrassing voor mijn verjaardag', 'nl'],
    ['ons kleine geheimpje: we eten vanavond patat', 'nl'],
  ];
  it.each(neutral)('%s -> no critical signal', (text, lang) => {
    expect(critical(text, lang)).toEqual([]);
  });
});
