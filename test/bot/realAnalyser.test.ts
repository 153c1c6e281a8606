// The bot with the real analyser (src/nlu): a story with danger gets the safety answer first, then a reflection in plain words.
import { beforeAll, describe, expect, it } from 'vitest';
import { getAnalyser } from '../../src/nlu/index.js';
import type { Analyser } from '../../src/bot/analyser.js';
import { BotHarness, allText } from './harness.js';
import { welcomeAs } from '../dialogs/flow.js';

let analyser: Analyser;
beforeAll(async () => {
  analyser = await getAnalyser();
});

describe('bot with the real analyser', () => {
  it('Dutch: danger in the story -> 112 first, urgent, then what was understood', async () => {
    const urgent: boolean[] = [];
    const h = new BotHarness({ analyser, observer: { signalsDetected: async (_id, _s, u) => void urgent.push(u), assessmentReady: async () => undefined } });
    await welcomeAs(h, 'victim');
    const replies = await h.say('Hij staat nu met een mes voor de deur en ik ben bang');
    expect(replies[0].text.startsWith(h.t('safety:header'))).toBe(true);
    expect(replies[0].text).toContain('112');
    expect(urgent).toContain(true);
    expect(allText(replies.slice(1))).toContain(h.t('tell:understood.signal.weapon'));
  });

  it('English: an everyday sentence does not trigger the safety answer', async () => {
    const h = new BotHarness({ analyser, lang: 'en' });
    await welcomeAs(h, 'bystander');
    const replies = await h.say("I'm dead tired of my neighbours' loud film nights");
    expect(allText(replies)).not.toContain(h.t('safety:header'));
    expect(allText(replies)).toContain(h.t('tell:confirm.ask'));
  });
});
