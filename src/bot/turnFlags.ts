// Per-turn facts the middleware passes to the dialogs: this message's analysis, and whether it was already answered.
import type { TurnContext } from 'botbuilder';
import type { Analysis } from './analyser.js';

const ANALYSIS_KEY = Symbol('hulpwijzer.analysis');
const HANDLED_KEY = Symbol('hulpwijzer.handledBy');

/**
 * Why the middleware already answered this message:
 * `safety` = the safety interrupt answered (free-text steps still use the text; questions are asked again);
 * `command` = a setting such as `/taal en` (the dialog only repeats its question).
 */
export type HandledBy = 'safety' | 'command';

export function setTurnAnalysis(context: TurnContext, analysis: Analysis): void {
  context.turnState.set(ANALYSIS_KEY, analysis);
}

/** The analysis the safety middleware made of this turn's message, if any. */
export function turnAnalysis(context: TurnContext): Analysis | undefined {
  return context.turnState.get(ANALYSIS_KEY) as Analysis | undefined;
}

export function markHandled(context: TurnContext, by: HandledBy): void {
  const current = context.turnState.get(HANDLED_KEY) as HandledBy | undefined;
  // The safety answer is the stronger fact: a command in the same message must not hide it.
  if (current !== 'safety') context.turnState.set(HANDLED_KEY, by);
}

export function handledBy(context: TurnContext): HandledBy | undefined {
  return context.turnState.get(HANDLED_KEY) as HandledBy | undefined;
}
