// The language and simple mode the user chose, as the bot reported them (summary.lang / summary.simple on the record).
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, translator, type Language, type Translate } from '../bot/i18n.js';
import type { ConversationRecord } from '../storage/store.js';

export interface ConversationLocale {
  lang: Language;
  simple: boolean;
  /** BCP 47 tag for activities' `locale` field. */
  tag: string;
  t: Translate;
}

const TAGS: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function conversationLocale(record: Pick<ConversationRecord, 'summary'>): ConversationLocale {
  const summary = record.summary ?? {};
  const lang = (SUPPORTED_LANGUAGES as readonly string[]).includes(String(summary.lang)) ? (summary.lang as Language) : DEFAULT_LANGUAGE;
  const simple = summary.simple === true;
  return { lang, simple, tag: TAGS[lang], t: translator(lang, simple) };
}
