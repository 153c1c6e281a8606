// The questionnaire engine in a conversation: progress, buttons, free text, retry, skip, back, don't know, stop, simple mode.
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/bot/i18n.js';
import { setTurnTranslator } from '../../../src/bot/turnTranslator.js';
import { QUESTIONNAIRE_DIALOG, QuestionnaireDialog } from '../../../dialogs/questionnaire/index.js';
import { buttonTitles, questionText, startQuestionnaire } from './harness.js';

const PV = 'partner_violence';

describe('QuestionnaireDialog', () => {
  it('introduces the questionnaire, shows progress and the answer buttons first, then the way-outs', async () => {
    const { session, first } = await startQuestionnaire(PV);
    const { t } = session;
    expect(first.map((a) => a.text)).toEqual([t('q_partner_violence:intro'), questionText(t, PV, 'shouting', 1, 8)]);
    expect(buttonTitles(first[1])).toEqual([
      ...['never', 'once', 'twice', '3-5', '6-10', '11-20', '20+', 'before_past_year'].map((f) => t(`questionnaire:frequency.${f}`)),
      t('questionnaire:buttons.dont_know'),
      t('questionnaire:buttons.skip'),
      t('questionnaire:buttons.stop_questions'),
    ]);
    const second = await session.say(t('questionnaire:frequency.never'));
    expect(second.map((a) => a.text)).toEqual([questionText(t, PV, 'push_grab', 2, 8)]);
    expect(buttonTitles(second[0])).toContain(t('questionnaire:buttons.back'));
  });

  it.each([
    ['2', 'once'],
    ['nooit', 'never'],
    ['4 keer', '3-5'],
    ['25x', '20+'],
    ['Eén keer', 'once'],
    ['weet niet', 'dont_know'],
    ['overslaan', 'skipped'],
  ])('accepts free text %j on a frequency question as %s', async (typed, value) => {
    const { session } = await startQuestionnaire(PV);
    await session.say(typed);
    await session.say(session.t('questionnaire:buttons.stop_questions'));
    expect(session.outcome()?.answers).toEqual({ shouting: value });
  });

  it('accepts yes/no synonyms from the locale, in Dutch and in English', async () => {
    const nl = await startQuestionnaire('coercive_control');
    await nl.session.say('jep');
    await nl.session.say('Nee');
    await nl.session.say(nl.session.t('questionnaire:buttons.stop_questions'));
    expect(nl.session.outcome()?.answers).toEqual({ phone_checks: 'yes', who_you_see: 'no' });
    const en = await startQuestionnaire('coercive_control', false, 'en');
    await en.session.say('yeah');
    await en.session.say('nope');
    await en.session.say('stop these questions');
    expect(en.session.outcome()?.answers).toEqual({ phone_checks: 'yes', who_you_see: 'no' });
  });

  it('answers nonsense with the retry text and the same buttons, then takes a real answer', async () => {
    const { session, first } = await startQuestionnaire(PV);
    const { t } = session;
    const retry = await session.say('banaan');
    expect(retry.map((a) => a.text)).toEqual([t('q_partner_violence:shouting.retry')]);
    expect(buttonTitles(retry[0])).toEqual(buttonTitles(first[1]));
    const outOfRange = await session.say('9');
    expect(outOfRange.map((a) => a.text)).toEqual([t('q_partner_violence:shouting.retry')]);
    const next = await session.say('1');
    expect(next.map((a) => a.text)).toEqual([questionText(t, PV, 'push_grab', 2, 8)]);
  });

  it('goes back to the previous question and removes its answer', async () => {
    const { session } = await startQuestionnaire(PV);
    const { t } = session;
    await session.say(t('questionnaire:frequency.twice'));
    await session.say(t('questionnaire:frequency.once'));
    const back = await session.say(t('questionnaire:buttons.back'));
    expect(back.map((a) => a.text)).toEqual([questionText(t, PV, 'push_grab', 2, 8)]);
    await session.say(t('questionnaire:frequency.never'));
    await session.say(t('questionnaire:buttons.stop_questions'));
    expect(session.outcome()).toEqual({ questionnaireId: PV, answers: { shouting: 'twice', push_grab: 'never' }, completed: false, stopped: true });
  });

  it('"back" on the first question asks it again without a retry', async () => {
    const { session } = await startQuestionnaire(PV);
    const again = await session.say(session.t('questionnaire:buttons.back'));
    expect(again.map((a) => a.text)).toEqual([questionText(session.t, PV, 'shouting', 1, 8)]);
  });

  it('stops with stopped=true and the answers so far', async () => {
    const { session } = await startQuestionnaire('danger');
    await session.say(session.t('questionnaire:yesno.no'));
    await session.say(session.t('questionnaire:buttons.dont_know'));
    await session.say(session.t('questionnaire:buttons.stop_questions'));
    expect(session.outcome()).toEqual({ questionnaireId: 'danger', answers: { threat_kill: 'no', weapon: 'dont_know' }, completed: false, stopped: true });
  });

  it('simple mode asks only the simple questions, counts only those, and uses the simple texts', async () => {
    const { session, first } = await startQuestionnaire(PV, true);
    const { t } = session;
    expect(first[1].text).toBe(questionText(t, PV, 'shouting', 1, 4));
    const asked = [first[1].text];
    for (let i = 0; i < 4; i++) {
      const replies = await session.say(t('questionnaire:frequency.never'));
      asked.push(...replies.map((r) => r.text));
    }
    expect(asked).toEqual([
      questionText(t, PV, 'shouting', 1, 4),
      questionText(t, PV, 'push_grab', 2, 4),
      questionText(t, PV, 'punch_kick', 3, 4),
      questionText(t, PV, 'strangle', 4, 4),
    ]);
    expect(session.outcome()).toEqual({
      questionnaireId: PV,
      answers: { shouting: 'never', push_grab: 'never', punch_kick: 'never', strangle: 'never' },
      completed: true,
      stopped: false,
    });
  });

  it('uses the simple variant of a text in simple mode', async () => {
    const { session, first } = await startQuestionnaire(PV, true);
    const standard = (await startQuestionnaire(PV, false)).session.t;
    expect(first[1].text).toContain(session.t('q_partner_violence:shouting.ask'));
    expect(session.t('q_partner_violence:shouting.ask')).not.toBe(standard('q_partner_violence:shouting.ask'));
  });

  it('skips the questions behind a gate answered "no" and shrinks the total', async () => {
    const { session, first } = await startQuestionnaire('children_at_home');
    expect(first[1].text).toBe(questionText(session.t, 'children_at_home', 'children_live', 1, 7));
    const done = await session.say('nee');
    expect(done).toEqual([]);
    expect(session.outcome()).toEqual({ questionnaireId: 'children_at_home', answers: { children_live: 'no' }, completed: true, stopped: false });
  });

  it('multi-pick: taps toggle options, "Klaar" finishes; typed numbers answer at once', async () => {
    const { session } = await startQuestionnaire('risk_factors');
    const { t } = session;
    for (let i = 0; i < 6; i++) await session.say(t('questionnaire:buttons.skip'));
    const hit = t('q_risk_factors:aces_self.options.hit');
    const sexual = t('q_risk_factors:aces_self.options.sexual');
    const picked = await session.say(hit);
    expect(picked[0].text).toContain(t('questionnaire:multi.chosen', { items: hit }));
    expect(buttonTitles(picked[0])).toContain(t('questionnaire:buttons.done'));
    await session.say(sexual);
    await session.say(hit); // tapping again un-picks
    await session.say(hit);
    await session.say(t('questionnaire:buttons.done'));
    await session.say('2 en 5');
    expect(session.outcome()?.answers).toMatchObject({ aces_self: 'hit+sexual', aces_home: 'addiction+prison' });
    expect(session.outcome()?.completed).toBe(true);
  });
});

describe('QuestionnaireDialog reprompt', () => {
  it('asks the open question again, with progress and buttons, when the parent reprompts after an interrupt', async () => {
    const t = translator('nl', false);
    const conversationState = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(conversationState.createProperty('dialogs'));
    dialogs.add(new QuestionnaireDialog());
    const adapter = new TestAdapter(async (context) => {
      setTurnTranslator(context, t);
      const dc = await dialogs.createContext(context);
      // Stands in for the main dialog's interrupt handling: "help" is answered elsewhere, then the question is re-asked.
      if (context.activity.text === 'help') await dc.repromptDialog();
      else {
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog(QUESTIONNAIRE_DIALOG, { questionnaireId: 'danger', simple: false });
      }
      await conversationState.saveChanges(context);
    });
    await adapter
      .send('hoi')
      .assertReply(t('q_danger:intro'))
      .assertReply(questionText(t, 'danger', 'threat_kill', 1, 9))
      .send('nee')
      .assertReply(questionText(t, 'danger', 'weapon', 2, 9))
      .send('help')
      .assertReply((activity) => {
        expect(activity.text).toBe(questionText(t, 'danger', 'weapon', 2, 9));
        expect(buttonTitles(activity)).toContain(t('questionnaire:buttons.back'));
      });
  });
});
