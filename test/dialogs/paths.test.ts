// Every path from the welcome to routing, for each role, in Dutch and English, standard and simple mode.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/ids.js';
import type { Language } from '../../src/bot/i18n.js';
import type { AssessmentSummary } from '../../src/bot/ports.js';
import { BotHarness, allText, fakeAnalyser, lastButtons } from '../bot/harness.js';
import { answerUntilMenu, welcomeAs } from './flow.js';

const ROLES: Role[] = ['victim', 'perpetrator', 'young_person', 'bystander'];
const MODES: [Language, boolean][] = [
  ['nl', false],
  ['en', false],
  ['nl', true],
  ['en', true],
];
const CASES = ROLES.flatMap((role) => MODES.map(([lang, simple]) => ({ role, lang, simple })));

describe('welcome -> tell -> screening -> result -> routing', () => {
  it.each(CASES)('$role in $lang (simple: $simple)', async ({ role, lang, simple }) => {
    const summaries: AssessmentSummary[] = [];
    const h = new BotHarness({
      lang,
      simple,
      analyser: fakeAnalyser(),
      observer: { signalsDetected: async () => undefined, assessmentReady: async (_id, s) => void summaries.push(s) },
    });
    const t = h.t;
    const welcome = await welcomeAs(h, role);
    const welcomeText = allText(welcome);
    expect(welcomeText).toContain(t('welcome:intro'));
    expect(welcomeText).toContain(t(`welcome:role.ack.${role}`));
    expect(allText(welcome.slice(-1))).toContain(t('tell:ask'));

    const told = await h.say('Het gaat al een tijd niet goed thuis.');
    expect(allText(told)).toContain(t('tell:understood.nothing'));
    expect(lastButtons(told)).toEqual([t('tell:confirm.go_on'), t('tell:confirm.not_quite'), t('tell:confirm.help_now')]);

    const screening = await h.press('tell:confirm.go_on');
    expect(allText(screening)).toContain(t('screening:intro'));
    const rest = await answerUntilMenu(h);
    const text = allText(rest);
    expect(text).toContain(t('result:intro'));
    expect(text).toContain(t('result:not_a_diagnosis'));
    expect(text).toContain(t('routing:intro'));
    expect(text).toContain(t('routing:always_112'));
    expect(text).toContain('0800-2000');
    if (role === 'young_person') expect(text).toContain(t('services:kindertelefoon'));
    if (role !== 'victim') expect(text).toContain(t(`result:role.${role}`));
    expect(lastButtons(rest)).toEqual([t('routing:menu.safety_info'), t('routing:menu.summary'), t('routing:menu.restart'), t('routing:menu.stop')]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0].role).toBe(role);
  });
});

describe('shortcuts and endings', () => {
  it('"help right away" after telling skips the questions and goes to routing', async () => {
    const h = new BotHarness();
    await welcomeAs(h, 'victim');
    await h.say('ik weet niet wat ik moet doen');
    const replies = await h.press('tell:confirm.help_now');
    const text = allText(replies);
    expect(text).toContain(h.t('routing:intro'));
    expect(text).not.toContain(h.t('result:intro'));
  });

  it('skipping the story goes straight to the questions', async () => {
    const h = new BotHarness();
    await welcomeAs(h, 'bystander');
    const replies = await h.press('tell:skip');
    expect(allText(replies)).toContain(h.t('tell:skipped'));
    expect(allText(replies)).toContain(h.t('screening:intro'));
  });

  it('not safe to chat: short advice and goodbye, nothing more asked', async () => {
    const h = new BotHarness();
    await h.start();
    const replies = await h.press('welcome:safe.no');
    expect(allText(replies)).toBe(h.t('welcome:safe.unsafe_advice'));
    expect(lastButtons(replies)).toEqual([]);
  });

  it('choosing English in the welcome switches the rest of the conversation', async () => {
    const h = new BotHarness();
    await h.start();
    await h.press('welcome:safe.yes');
    await h.press('welcome:role.bystander');
    const replies = await h.press('welcome:mode.other_language');
    h.setMode('en', false);
    expect(allText(replies)).toContain(h.t('tell:ask'));
    // The page keeps sending its (unchanged) Dutch switch; the choice made in the dialog must stay.
    const next = await h.say('my neighbour is shouting every night', { channelData: { lang: 'nl', simple: false } });
    expect(allText(next)).toContain(h.t('tell:confirm.ask'));
  });

  it('simple mode chosen in the welcome gives the simple texts', async () => {
    const h = new BotHarness();
    await h.start();
    await h.press('welcome:safe.yes');
    await h.press('welcome:role.young_person');
    await h.say('12');
    const replies = await h.press('welcome:mode.simple');
    h.setMode('nl', true);
    expect(allText(replies)).toContain(h.t('tell:ask'));
    expect(h.t('tell:ask')).not.toBe(new BotHarness().t('tell:ask'));
  });

  it('restart from the menu begins again at the welcome', async () => {
    const h = new BotHarness();
    await welcomeAs(h, 'bystander');
    await h.say('ik maak me zorgen om de buren');
    await h.press('tell:confirm.help_now');
    const replies = await h.press('routing:menu.restart');
    expect(allText(replies)).toContain(h.t('welcome:intro'));
  });
});
