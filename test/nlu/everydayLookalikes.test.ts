// Everyday messages with injury, fear, separation or control words stay free of every signal, not only the critical ones.
import { describe, expect, it } from 'vitest';
import { getAnalyser } from '../../src/nlu/index.js';

const everyday: [string, 'nl' | 'en'][] = [
  ['mijn zoon viel van het klimrek en heeft zijn pols gebroken, nu zit hij 6 weken in het gips', 'nl'],
  ['Ik doe aan kickboksen en heb een blauw oog van de sparring gisteren', 'nl'],
  ['twisted my ankle at rugby and have a massive bruise lol', 'en'],
  ['Op de camping stak de buurman vuurwerk af en onze hond was doodsbang', 'nl'],
  ['Wat betekent gaslighting eigenlijk precies? Ik hoorde het in een podcast.', 'nl'],
  ['In de serie die ik kijk wordt een vrouw door haar ex gestalkt. Gebeurt dat in het echt ook zo vaak?', 'nl'],
];

describe('everyday look-alikes of the other signals', () => {
  it.each(everyday)('%s -> no signal', async (text, lang) => {
    const analyser = await getAnalyser();
    expect(analyser.analyse(text, lang).signals).toEqual([]);
  });

  it('still reads the same words when they are about abuse', async () => {
    const analyser = await getAnalyser();
    expect(analyser.analyse('hij sloeg me zo hard dat ik een blauw oog heb', 'nl').signals).toContain('injury');
    expect(analyser.analyse('mijn ex staat elke dag bij mijn werk en volgt me naar huis', 'nl').signals).toContain('stalking');
  });
});
