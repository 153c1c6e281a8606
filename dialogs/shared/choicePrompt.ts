// The ChoicePrompt every D1 dialog uses: counts answers it cannot place and offers a person after three in a row.
import { ChoicePrompt, type FoundChoice, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { BotServices } from '../../src/bot/botServices.js';
import { conversationData } from '../../src/bot/conversationData.js';
import { offerPerson } from './person.js';

/** Misunderstood answers in a row before the bot offers a person (product.md feature 8). */
export const MISUNDERSTANDINGS_BEFORE_OFFER = 3;

export function createChoicePrompt(id: string, services: BotServices): ChoicePrompt {
  const prompt = new ChoicePrompt(id, (p) => validate(p, services), 'nl-nl');
  prompt.recognizerOptions = { allowPartialMatches: true };
  return prompt;
}

async function validate(prompt: PromptValidatorContext<FoundChoice>, services: BotServices): Promise<boolean> {
  const data = await conversationData(services.data, prompt.context);
  if (prompt.recognized.succeeded) {
    data.misunderstandings = 0;
    return true;
  }
  data.misunderstandings += 1;
  if (data.misunderstandings >= MISUNDERSTANDINGS_BEFORE_OFFER) {
    data.misunderstandings = 0;
    await offerPerson(prompt.context, services);
  }
  return false;
}
