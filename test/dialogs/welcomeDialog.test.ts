// WelcomeDialog on its own with botbuilder-testing's DialogTestClient: cases as data, expected text from the locales.
import { describe, expect, it } from 'vitest';
import { ConversationState, MemoryStorage, UserState } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { BotServices, Preferences } from '../../src/bot/botServices.js';
import type { ConversationData } from '../../src/bot/conversationData.js';
import { translator } from '../../src/bot/i18n.js';
import { silentLogger } from '../../src/bot/logger.js';
import { I18nMiddleware } from '../../src/bot/middleware/i18nMiddleware.js';
import { noStaffHandoff, silentObserver } from '../../src/bot/ports.js';
import { WelcomeDialog } from '../../dialogs/welcomeDialog.js';
import { NOTHING } from '../bot/harness.js';

function client() {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const services: BotServices = {
    data: conversationState.createProperty<ConversationData>('hulpwijzer'),
    preferences: userState.createProperty<Preferences | undefined>('preferences'),
    analyser: { analyse: () => NOTHING },
    handoff: noStaffHandoff,
    observer: silentObserver,
    clock: () => new Date('2026-11-23T13:00:00Z'),
    logger: silentLogger,
  };
  const saveState = {
    onTurn: async (context: Parameters<I18nMiddleware['onTurn']>[0], next: () => Promise<void>) => {
      await next();
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
    },
  };
  return new DialogTestClient('test', new WelcomeDialog(services), undefined, [saveState, new I18nMiddleware(services)], conversationState);
}

const t = translator('nl', false);

/** Sends one message and returns every reply of that turn, so replies never carry over to the next step. */
async function send(c: DialogTestClient, text: string): Promise<string[]> {
  const replies: string[] = [];
  for (let reply = await c.sendActivity(text); reply; reply = c.getNextReply()) replies.push(String(reply.text));
  return replies;
}

describe('WelcomeDialog', () => {
  it.each([
    { role: 'victim', answers: ['welcome:role.victim', 'welcome:gender.female', 'welcome:mode.keep'] },
    { role: 'young_person', answers: ['welcome:role.young_person', '13', 'welcome:mode.keep'] },
    { role: 'bystander', answers: ['welcome:role.bystander', 'welcome:mode.keep'] },
  ])('$role: ends safe after the role, the role questions and the mode', async ({ answers }) => {
    const c = client();
    expect(await send(c, 'hoi')).toEqual([t('welcome:intro'), t('welcome:safe.ask')]);
    expect(await send(c, t('welcome:safe.yes'))).toEqual([t('welcome:role.ask')]);
    for (const answer of answers) await send(c, answer.includes(':') ? t(answer) : answer);
    expect(c.dialogTurnResult.status).toBe('complete');
    expect(c.dialogTurnResult.result).toEqual({ safe: true });
  });

  it('an age that is not a number is asked again', async () => {
    const c = client();
    await send(c, 'hoi');
    await send(c, t('welcome:safe.yes'));
    expect(await send(c, t('welcome:role.young_person'))).toEqual([t('welcome:role.ack.young_person'), t('welcome:age.ask')]);
    expect(await send(c, 'oud genoeg')).toEqual([t('welcome:age.retry')]);
  });

  it('not safe: ends at once with safe=false', async () => {
    const c = client();
    await send(c, 'hoi');
    expect(await send(c, t('welcome:safe.no'))).toEqual([t('welcome:safe.unsafe_advice')]);
    expect(c.dialogTurnResult.result).toEqual({ safe: false });
  });
});
