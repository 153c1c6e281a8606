// Changes language and/or simple mode for the rest of the conversation, including the current turn's translator.
import type { TurnContext } from 'botbuilder';
import type { BotServices } from './botServices.js';
import { conversationData } from './conversationData.js';
import { translator, type Language } from './i18n.js';
import { setTurnTranslator } from './turnTranslator.js';

export interface ProfileChange {
  lang?: Language;
  simple?: boolean;
}

/** Returns true when something changed. */
export async function applyProfile(context: TurnContext, services: BotServices, change: ProfileChange): Promise<boolean> {
  const data = await conversationData(services.data, context);
  const lang = change.lang ?? data.lang;
  const simple = change.simple ?? data.simple;
  const changed = lang !== data.lang || simple !== data.simple;
  data.lang = lang;
  data.simple = simple;
  await services.preferences.set(context, { lang, simple });
  setTurnTranslator(context, translator(lang, simple));
  if (changed) {
    await services.observer.profileChanged?.(context.activity.conversation.id, { lang, simple, role: data.role });
  }
  return changed;
}
