// Test steps shared by the dialog tests: walk the welcome as a role, tell a story, answer questionnaires until the menu.
import type { Role } from '../../src/ids.js';
import { allText, type BotHarness, type Reply } from '../bot/harness.js';

export async function welcomeAs(h: BotHarness, role: Role): Promise<Reply[]> {
  const seen: Reply[] = [];
  seen.push(...(await h.start()));
  seen.push(...(await h.press('welcome:safe.yes')));
  seen.push(...(await h.press(`welcome:role.${role}`)));
  if (role === 'young_person') seen.push(...(await h.say('14')));
  if (role === 'victim') seen.push(...(await h.press('welcome:gender.prefer_not')));
  seen.push(...(await h.press('welcome:mode.keep')));
  return seen;
}

/** Answers every open question with `answer` (default "weet ik niet") until the routing menu shows; fails after `limit` turns. */
export async function answerUntilMenu(h: BotHarness, answer?: string, limit = 80): Promise<Reply[]> {
  const seen: Reply[] = [];
  const menu = h.t('routing:menu.ask');
  for (let turn = 0; turn < limit; turn++) {
    const last = allText(seen.slice(-3));
    if (last.includes(menu)) return seen;
    let text = answer ?? h.t('questionnaire:buttons.dont_know');
    if (last.includes(h.t('screening:children.ask'))) text = h.t('common:no');
    else if (last.includes(h.t('screening:risk_consent.ask'))) text = h.t('screening:risk_consent.no');
    seen.push(...(await h.say(text)));
  }
  throw new Error(`no routing menu after ${limit} turns; last: ${allText(seen.slice(-2))}`);
}
