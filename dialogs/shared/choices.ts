// Builds button prompts from choice ids: labels from i18n, synonyms from data, shown as suggested actions.
import { ActionTypes, MessageFactory } from 'botbuilder';
import { ListStyle, type Choice, type PromptOptions } from 'botbuilder-dialogs';
import type { Translate, Language } from '../../src/bot/i18n.js';
import { synonymsFor } from './synonyms.js';

export interface ChoiceItem {
  /** Stable id returned by the prompt (e.g. 'victim'). */
  value: string;
  /** i18n key of the button label. */
  labelKey: string;
}

export function buildChoices(t: Translate, lang: Language, items: readonly ChoiceItem[]): Choice[] {
  return items.map(({ value, labelKey }) => {
    const label = t(labelKey);
    return { value, action: { type: ActionTypes.ImBack, title: label, value: label }, synonyms: synonymsFor(value, lang) };
  });
}

/** Prompt options for a ChoicePrompt; the retry repeats the question after a short "I did not get that". */
export function choicePromptOptions(t: Translate, lang: Language, text: string, items: readonly ChoiceItem[]): PromptOptions {
  return {
    prompt: MessageFactory.text(text),
    retryPrompt: MessageFactory.text(`${t('common:retry')}\n\n${text}`),
    choices: buildChoices(t, lang, items),
    style: ListStyle.suggestedAction,
  };
}

/** A message with buttons that is not a prompt (e.g. a free-text question that offers a shortcut). */
export function textWithButtons(t: Translate, text: string, labelKeys: readonly string[]) {
  return MessageFactory.suggestedActions(labelKeys.map((k) => t(k)), text);
}
