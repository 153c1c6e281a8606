// The ChoicePrompt every D1 dialog uses: counts answers it cannot place and offers a person after three in a row.
import type { TurnContext } from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  recognizeChoices,
  type Choice,
  type FoundChoice,
  type ModelResult,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import type { BotServices } from '../../src/bot/botServices.js';
import { markRecognizerPure } from '../../src/bot/activityReceivedEvent.js';
import { conversationData } from '../../src/bot/conversationData.js';
import { offerPerson } from './person.js';

/** Misunderstood answers in a row before the bot offers a person (product.md feature 8). */
export const MISUNDERSTANDINGS_BEFORE_OFFER = 3;

/**
 * ChoicePrompt takes the match that comes first in the sentence; in "ik maak me zorgen om mijn buurvrouw" that is a
 * stray word. This one takes the best match: highest score, then the longest matched words.
 */
export class BestChoicePrompt extends ChoicePrompt {
  protected override async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const text = context.activity.text ?? '';
    const choices = ChoiceFactory.toChoices(options.choices ?? []);
    const pressed = exactChoice(text, choices);
    if (pressed) return { succeeded: true, value: pressed };
    const found = recognizeChoices(text, choices, { ...this.recognizerOptions, locale: this.defaultLocale ?? 'nl-nl' });
    if (found.length === 0) return { succeeded: false };
    const best = found.reduce((a: ModelResult<FoundChoice>, b: ModelResult<FoundChoice>) =>
      b.resolution.score > a.resolution.score || (b.resolution.score === a.resolution.score && b.end - b.start > a.end - a.start) ? b : a,
    );
    return { succeeded: true, value: best.resolution };
  }
}

// onRecognize above only computes: botbuilder's activityReceived event may skip running it a second time each turn.
markRecognizerPure(BestChoicePrompt);

/**
 * A pressed button sends the choice's value word for word: answered without the number and ordinal recognizers,
 * the costly part of recognizeChoices, with the result recognizeChoices gives for an exact match.
 */
export function exactChoice(text: string, choices: Choice[]): FoundChoice | undefined {
  const wanted = text.trim().toLowerCase();
  if (wanted === '') return undefined;
  const index = choices.findIndex((c) => c.value.trim().toLowerCase() === wanted);
  return index < 0 ? undefined : { value: choices[index]!.value, index, score: 1, synonym: choices[index]!.value };
}

export function createChoicePrompt(id: string, services: BotServices): ChoicePrompt {
  return new BestChoicePrompt(id, (p) => validate(p, services), 'nl-nl');
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
