// Carries the translator of the current turn (language + simple mode) from the i18n middleware to dialogs.
import type { TurnContext } from 'botbuilder';
import type { Translate } from './i18n.js';

const TRANSLATE_KEY = Symbol('hulpwijzer.translate');

export function setTurnTranslator(context: TurnContext, t: Translate): void {
  context.turnState.set(TRANSLATE_KEY, t);
}

/** The translator the i18n middleware set for this turn; throws if the middleware did not run. */
export function turnTranslator(context: TurnContext): Translate {
  const t = context.turnState.get(TRANSLATE_KEY) as Translate | undefined;
  if (!t) throw new Error('i18n middleware did not set a translator for this turn');
  return t;
}
