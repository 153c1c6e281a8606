// The global interrupts (stop, back, ask for a person, help, "are you a bot"), typed settings, and free text where buttons were shown.
import { describe, expect, it } from 'vitest';
import { BotHarness, allText, lastButtons } from '../bot/harness.js';
import { welcomeAs } from '../dialogs/flow.js';

async function atRoleQuestion(h: BotHarness) {
  await h.start();
  return h.press('welcome:safe.yes');
}

describe('interrupts', () => {
  it.each(['stop', 'Stoppen', 'quit'])('"%s" ends the conversation calmly with 112 and 0800-2000; typing again starts over', async (word) => {
    const h = new BotHarness();
    await welcomeAs(h, 'victim');
    const replies = await h.say(word);
    expect(allText(replies)).toBe(h.t('interrupts:stop.goodbye'));
    expect(allText(replies)).toContain('112');
    expect(allText(replies)).toContain('0800-2000');
    const again = await h.say('hallo');
    expect(allText(again)).toContain(h.t('welcome:intro'));
  });

  it('"stop" inside a sentence is not the stop command', async () => {
    const h = new BotHarness();
    await welcomeAs(h, 'victim');
    const replies = await h.say('ik wil dat hij stopt met schreeuwen');
    expect(allText(replies)).not.toContain(h.t('interrupts:stop.goodbye'));
    expect(allText(replies)).toContain(h.t('tell:confirm.ask'));
  });

  it('"terug" outside a questionnaire goes back to the start of the current part', async () => {
    const h = new BotHarness();
    await h.start();
    await h.press('welcome:safe.yes');
    await h.press('welcome:role.bystander');
    const replies = await h.say('terug');
    expect(replies[0].text).toBe(h.t('interrupts:back'));
    expect(allText(replies)).toContain(h.t('welcome:safe.ask'));
  });

  it('"terug" inside a questionnaire is the questionnaire\'s own back: the previous question again', async () => {
    const h = new BotHarness();
    await welcomeAs(h, 'bystander');
    await h.say('de buren');
    const first = await h.press('tell:confirm.go_on');
    const firstQuestion = first[first.length - 1];
    await h.say(h.t('questionnaire:buttons.dont_know'));
    const back = await h.say(h.t('questionnaire:buttons.back'));
    expect(allText(back)).not.toContain(h.t('interrupts:back'));
    expect(back[back.length - 1].text).toBe(firstQuestion.text);
  });

  it('"ik wil een mens" with nobody online: says so, lists what is open, 112 and 0800-2000, then asks again', async () => {
    const h = new BotHarness();
    const question = await atRoleQuestion(h);
    const replies = await h.say('ik wil een mens');
    expect(replies[0].text.startsWith(h.t('interrupts:human.unavailable'))).toBe(true);
    expect(replies[0].text).toContain(h.t('interrupts:human.emergency'));
    expect(replies[0].text).toContain('0800-2000');
    expect(replies[replies.length - 1].text).toBe(question[question.length - 1].text);
  });

  it('"ik wil een mens" with staff online asks the handoff layer and leaves the question open', async () => {
    const requests: string[] = [];
    const h = new BotHarness({ handoff: { staffAvailable: async () => true, requestHuman: async (_id, r) => (requests.push(r), { accepted: true }) } });
    await atRoleQuestion(h);
    const replies = await h.say('Kan ik met een medewerker praten?');
    expect(requests).toEqual(['user_asked']);
    expect(replies).toEqual([]);
    // When the conversation comes back to the bot, the open question still takes the answer.
    const next = await h.press('welcome:role.bystander');
    expect(allText(next)).toContain(h.t('welcome:role.ack.bystander'));
  });

  it('"help" explains how it works and asks the question again', async () => {
    const h = new BotHarness();
    const question = await atRoleQuestion(h);
    const replies = await h.say('help');
    expect(replies[0].text).toBe(h.t('interrupts:help'));
    expect(replies[replies.length - 1].text).toBe(question[question.length - 1].text);
  });

  it.each(['ben je een bot?', 'Ben jij een robot', 'are you a bot?'])('"%s": says it is a bot', async (text) => {
    const h = new BotHarness();
    await atRoleQuestion(h);
    const replies = await h.say(text);
    expect(replies[0].text).toBe(h.t('interrupts:bot'));
  });

  it('"waar kan ik terecht?" shows where to go now, then the question again', async () => {
    const h = new BotHarness();
    const question = await atRoleQuestion(h);
    const replies = await h.say('Waar kan ik terecht?');
    expect(replies[0].text).toContain(h.t('routing:intro'));
    expect(replies[replies.length - 1].text).toBe(question[question.length - 1].text);
  });

  it('safety tips can be opened from anywhere; "back" returns to the open question', async () => {
    const h = new BotHarness();
    const question = await atRoleQuestion(h);
    const tips = await h.say('Tips voor mijn veiligheid');
    expect(allText(tips)).toContain(h.t('safetyinfo:ask'));
    const hide = await h.press('safetyinfo:hide_visit.label');
    expect(allText(hide)).toContain(h.t('safetyinfo:hide_visit.text'));
    const back = await h.press('safetyinfo:back');
    expect(back[back.length - 1].text).toBe(question[question.length - 1].text);
  });

  it('/taal en switches to English and asks the open question again', async () => {
    const h = new BotHarness();
    await atRoleQuestion(h);
    const replies = await h.say('/taal en', { channelData: {} });
    h.setMode('en', false);
    expect(replies[0].text).toBe(h.t('common:settings.language_changed'));
  });
});

describe('free text where a button was expected', () => {
  it.each([
    ['ik maak me zorgen om mijn buurvrouw', 'bystander'],
    ['4', 'bystander'],
    ['jonger dan 18', 'young_person'],
  ])('"%s" is read as %s', async (text, role) => {
    const h = new BotHarness();
    await atRoleQuestion(h);
    const replies = await h.say(text);
    expect(allText(replies)).toContain(h.t(`welcome:role.ack.${role}`));
  });

  it('an answer that fits no button is asked again with the retry text', async () => {
    const h = new BotHarness();
    await atRoleQuestion(h);
    const replies = await h.say('blauw');
    expect(replies[replies.length - 1].text).toBe(`${h.t('common:retry')}\n\n${h.t('welcome:role.ask')}`);
    expect(lastButtons(replies)).toHaveLength(4);
  });

  it('three misunderstood answers in a row: the bot offers a person (or says who else is there)', async () => {
    const h = new BotHarness();
    await atRoleQuestion(h);
    await h.say('blauw');
    await h.say('groen');
    const third = await h.say('geel');
    expect(allText(third)).toContain(h.t('interrupts:offer.intro'));
    expect(allText(third)).toContain(h.t('interrupts:human.emergency'));
  });

  it('with staff online the offer says to type "mens"', async () => {
    const h = new BotHarness({ handoff: { staffAvailable: async () => true, requestHuman: async () => ({ accepted: true }) } });
    await atRoleQuestion(h);
    await h.say('blauw');
    await h.say('groen');
    expect(allText(await h.say('geel'))).toContain(h.t('interrupts:offer.available'));
  });

  it('"Niet helemaal" lets the user tell it again once', async () => {
    const h = new BotHarness();
    await welcomeAs(h, 'victim');
    await h.say('het gaat niet goed');
    const again = await h.press('tell:confirm.not_quite');
    expect(allText(again)).toContain(h.t('tell:ask_again'));
  });
});
