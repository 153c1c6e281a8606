// The safety interrupt: from any dialog state a critical message gets what to do now first, then the open question again.
import { describe, expect, it } from 'vitest';
import type { SignalId } from '../../src/ids.js';
import { BotHarness, allText, fakeAnalyser, lastButtons, WEEKDAY_NIGHT, type Reply } from './harness.js';
import { welcomeAs } from '../dialogs/flow.js';

const DANGER = 'hij staat nu met een mes voor de deur';
const analyser = fakeAnalyser({
  [DANGER]: { signals: ['acute_danger', 'weapon'] },
  'ik wil niet meer leven': { signals: ['self_harm'] },
  'hij kneep mijn keel dicht': { signals: ['strangulation'] },
  'hij dwong me tot seks': { signals: ['sexual_violence'] },
  'mijn vriend checkt mijn telefoon': { signals: ['coercive_control'], profiles: [{ id: 'intimate_terror', score: 0.8 }] },
});

type Reach = (h: BotHarness) => Promise<Reply[]>;
const q = (h: BotHarness) => h.t('questionnaire:buttons.dont_know');

/** Ways to reach each waiting state; each returns the replies whose last one asks the open question. */
const STATES: Record<string, Reach> = {
  'safe to chat': (h) => h.start(),
  'who is writing': async (h) => (await h.start(), h.press('welcome:safe.yes')),
  'gender': async (h) => (await h.start(), await h.press('welcome:safe.yes'), h.press('welcome:role.victim')),
  'age': async (h) => (await h.start(), await h.press('welcome:safe.yes'), h.press('welcome:role.young_person')),
  'mode': async (h) => (await h.start(), await h.press('welcome:safe.yes'), h.press('welcome:role.bystander')),
  'confirm what was understood': async (h) => (await welcomeAs(h, 'victim'), h.say('het is thuis niet fijn')),
  'children at home': async (h) => (await welcomeAs(h, 'victim'), await h.say('het is thuis niet fijn'), h.press('tell:confirm.go_on')),
  'risk-factor consent': async (h) => (await welcomeAs(h, 'victim'), await h.say('het is thuis niet fijn'), await h.press('tell:confirm.go_on'), h.press('common:no')),
  'first questionnaire question': async (h) => (
    await welcomeAs(h, 'victim'), await h.say('het is thuis niet fijn'), await h.press('tell:confirm.go_on'), await h.press('common:no'), h.press('screening:risk_consent.no')
  ),
  'a questionnaire question in the middle': async (h) => (
    await welcomeAs(h, 'bystander'), await h.say('de buren'), await h.press('tell:confirm.go_on'), await h.say(q(h)), h.say(q(h))
  ),
  'routing menu': async (h) => (await welcomeAs(h, 'perpetrator'), await h.say('ik word snel boos'), h.press('tell:confirm.help_now')),
  'safety information topics': async (h) => (
    await welcomeAs(h, 'perpetrator'), await h.say('ik word snel boos'), await h.press('tell:confirm.help_now'), h.press('routing:menu.safety_info')
  ),
};

describe('safety interrupt from every dialog state', () => {
  it.each(Object.keys(STATES))('%s: 112 first, then the same question again', async (state) => {
    const urgent: boolean[] = [];
    const h = new BotHarness({ analyser, observer: { signalsDetected: async (_id, _s, u) => void urgent.push(u), assessmentReady: async () => undefined } });
    const before = await STATES[state](h);
    const question = before[before.length - 1];
    const replies = await h.say(DANGER);
    expect(replies[0].text.startsWith(h.t('safety:header'))).toBe(true);
    expect(replies[0].text).toContain('112');
    expect(replies[0].text).toContain(h.t('safety:advice.acute_danger'));
    expect(replies[0].text).toContain(h.t('safety:staff.unavailable'));
    expect(replies[replies.length - 1].text).toBe(question.text);
    expect(lastButtons(replies)).toEqual(question.buttons);
    expect(urgent).toEqual([true]);
  });

  it('where a story is asked for, the critical story is read and reflected after the safety answer', async () => {
    const h = new BotHarness({ analyser });
    await welcomeAs(h, 'victim');
    const replies = await h.say(DANGER);
    expect(replies[0].text).toContain('112');
    expect(allText(replies.slice(1))).toContain(h.t('tell:understood.signal.acute_danger'));
    expect(lastButtons(replies)).toContain(h.t('tell:confirm.go_on'));
  });

  it('before any dialog: the safety answer, then the welcome', async () => {
    const h = new BotHarness({ analyser });
    const replies = await h.say(DANGER);
    expect(replies[0].text).toContain('112');
    expect(allText(replies.slice(1))).toContain(h.t('welcome:intro'));
  });

  it.each<[string, SignalId, string[]]>([
    ['ik wil niet meer leven', 'self_harm', ['113', '0800-0113']],
    ['hij kneep mijn keel dicht', 'strangulation', []],
    ['hij dwong me tot seks', 'sexual_violence', ['0800-0188']],
  ])('signal-specific advice: %s', async (text, signal, numbers) => {
    const h = new BotHarness({ analyser, clock: () => WEEKDAY_NIGHT });
    await h.start();
    const [first] = await h.say(text);
    expect(first.text).toContain(h.t(`safety:advice.${signal}`));
    expect(first.text).toContain('112');
    for (const n of numbers) expect(first.text).toContain(n);
  });

  it('says a person is available when staff are online, and only asks for one when the user says so', async () => {
    const requests: string[] = [];
    const h = new BotHarness({
      analyser,
      handoff: { staffAvailable: async () => true, requestHuman: async (_id, reason) => (requests.push(reason), { accepted: true }) },
    });
    await h.start();
    const [first] = await h.say(DANGER);
    expect(first.text).toContain(h.t('safety:staff.available'));
    expect(requests).toEqual([]);
    await h.say('mens');
    expect(requests).toEqual(['critical']);
  });

  it('non-critical signals are stored and reported without the interrupt, and they steer the result', async () => {
    const reported: SignalId[][] = [];
    const h = new BotHarness({ analyser, observer: { signalsDetected: async (_id, s) => void reported.push(s), assessmentReady: async () => undefined } });
    await welcomeAs(h, 'victim');
    const replies = await h.say('mijn vriend checkt mijn telefoon');
    expect(allText(replies)).not.toContain(h.t('safety:header'));
    expect(allText(replies)).toContain(h.t('tell:understood.signal.coercive_control'));
    expect(reported).toEqual([['coercive_control']]);
  });

  it('after a critical signal, routing puts 112 first and speaks of urgency', async () => {
    const h = new BotHarness({ analyser });
    await welcomeAs(h, 'victim');
    await h.say(DANGER);
    const replies = await h.press('tell:confirm.help_now');
    const text = allText(replies);
    expect(text).toContain(h.t('routing:intro_urgent'));
    const firstOption = text.split('\n').find((l) => l.startsWith('- '));
    expect(firstOption).toContain('112');
  });
});

describe('distress', () => {
  it('great fear without an emergency: a person is offered when staff are online, and "mens" then asks with reason distress', async () => {
    const requests: string[] = [];
    const fear = fakeAnalyser({ 'ik ben zo bang': { signals: ['extreme_fear'] } });
    const h = new BotHarness({ analyser: fear, handoff: { staffAvailable: async () => true, requestHuman: async (_id, r) => (requests.push(r), { accepted: true }) } });
    await welcomeAs(h, 'victim');
    const replies = await h.say('ik ben zo bang');
    expect(replies[0].text).toBe(h.t('safety:distress_offer'));
    expect(allText(replies)).not.toContain(h.t('safety:header'));
    await h.press('tell:confirm.go_on');
    await h.say('mens');
    expect(requests).toEqual(['distress']);
  });

  it('with nobody online, no offer is made', async () => {
    const fear = fakeAnalyser({ 'ik ben zo bang': { signals: ['extreme_fear'] } });
    const h = new BotHarness({ analyser: fear });
    await welcomeAs(h, 'victim');
    expect(allText(await h.say('ik ben zo bang'))).not.toContain(h.t('safety:distress_offer'));
  });
});
