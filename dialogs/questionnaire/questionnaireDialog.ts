// One ComponentDialog that asks any questionnaire from its data file: progress, buttons, free text, skip/back/stop.
import { ActivityTypes, MessageFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { turnTranslator } from '../../src/bot/turnTranslator.js';
import type { Translate } from '../../src/bot/i18n.js';
import { parseOrThrow } from '../../src/validation.js';
import { getQuestionnaire } from './loadQuestionnaires.js';
import { answerChoices, parseAnswer } from './parseAnswer.js';
import { applies, nextQuestion, progress } from './questionFlow.js';
import { DONT_KNOW, MULTI_JOIN, MULTI_NONE, QuestionnaireIdSchema, SKIPPED, type Question, type Questionnaire } from './schema.js';
import type { AnswerValue, QuestionnaireOptions, QuestionnaireOutcome } from './types.js';

export const QUESTIONNAIRE_DIALOG = 'questionnaire';
const LOOP = 'questionnaireLoop';

const OptionsSchema = z.object({ questionnaireId: QuestionnaireIdSchema, simple: z.boolean() });

/** Everything the loop needs between turns; kept plain so conversation state can store it. */
interface LoopState extends QuestionnaireOptions {
  answers: Record<string, AnswerValue>;
  /** Keys answered, in order, so "back" can undo the last one. */
  history: string[];
  /** Multi-pick: options tapped so far for the current question. */
  picks: string[];
  introduced: boolean;
  retry: boolean;
}

/** The ask/answer loop; after an interrupt (help, a person joined) it asks the open question again, without the intro. */
class QuestionLoop extends WaterfallDialog {
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = (instance.state as { options?: LoopState }).options;
    if (!state) return;
    const qn = getQuestionnaire(state.questionnaireId);
    const question = nextQuestion(qn, state.simple, state.answers);
    if (question) await context.sendActivity(questionActivity(qn, question, { ...state, retry: false }, turnTranslator(context)));
  }
}

export class QuestionnaireDialog extends ComponentDialog {
  constructor(id: string = QUESTIONNAIRE_DIALOG) {
    super(id);
    this.addDialog(new QuestionLoop(LOOP, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: unknown): Promise<DialogTurnResult> {
    const opts = parseOrThrow(OptionsSchema, options, 'questionnaire options');
    getQuestionnaire(opts.questionnaireId); // fail before the first question when the data is missing
    const state: LoopState = { ...opts, answers: {}, history: [], picks: [], introduced: false, retry: false };
    return innerDc.beginDialog(LOOP, state);
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as LoopState;
    const qn = getQuestionnaire(state.questionnaireId);
    const question = nextQuestion(qn, state.simple, state.answers);
    if (!question) return step.endDialog(outcome(qn, state, false));
    const t = turnTranslator(step.context);
    if (!state.introduced) {
      await step.context.sendActivity(t(`q_${qn.id}:intro`));
      state.introduced = true;
    }
    await step.context.sendActivity(questionActivity(qn, question, state, t));
    return QuestionnaireDialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as LoopState;
    const qn = getQuestionnaire(state.questionnaireId);
    const question = nextQuestion(qn, state.simple, state.answers);
    if (!question) return step.endDialog(outcome(qn, state, false));
    const text = typeof step.result === 'string' ? step.result : '';
    const parsed = parseAnswer(text, question, qn.id, turnTranslator(step.context));
    const next: LoopState = { ...state, answers: { ...state.answers }, history: [...state.history], picks: [...state.picks], retry: false };

    switch (parsed.type) {
      case 'answer':
        record(next, question.key, parsed.value);
        break;
      case 'toggle':
        next.picks = next.picks.includes(parsed.value) ? next.picks.filter((p) => p !== parsed.value) : [...next.picks, parsed.value];
        break;
      case 'done':
        if (next.picks.length === 0) next.retry = true;
        else record(next, question.key, pickedValue(question, next.picks));
        break;
      case 'control':
        if (parsed.control === 'stop_questions') return step.endDialog(outcome(qn, next, true));
        if (parsed.control === 'dont_know') record(next, question.key, DONT_KNOW);
        if (parsed.control === 'skip') record(next, question.key, SKIPPED);
        if (parsed.control === 'back') {
          const previous = next.history.pop();
          if (previous !== undefined) delete next.answers[previous];
          next.picks = [];
        }
        break;
      case 'unknown':
        next.retry = true;
        break;
    }
    return step.replaceDialog(LOOP, next);
  }
}

function record(state: LoopState, key: string, value: AnswerValue): void {
  state.answers[key] = value;
  state.history.push(key);
  state.picks = [];
}

/** Picks in option order, so the same choice always gives the same answer value. */
function pickedValue(question: Question, picks: string[]): string {
  const ordered = (question.options ?? []).map((o) => o.value).filter((v) => picks.includes(v));
  return ordered.length ? ordered.join(MULTI_JOIN) : MULTI_NONE;
}

function outcome(qn: Questionnaire, state: LoopState, stopped: boolean): QuestionnaireOutcome {
  // Answers behind a gate that was later changed (via "back") no longer apply and are dropped.
  const answers = Object.fromEntries(
    qn.questions.filter((q) => state.answers[q.key] !== undefined && applies(q, state.answers)).map((q) => [q.key, state.answers[q.key]]),
  );
  const done = nextQuestion(qn, state.simple, state.answers) === undefined;
  return { questionnaireId: qn.id, answers, completed: !stopped && done, stopped };
}

/** The question (or its retry text) with progress, and every button: answers first, then the way-outs. */
function questionActivity(qn: Questionnaire, question: Question, state: Pick<LoopState, 'simple' | 'answers' | 'history' | 'picks' | 'retry'>, t: Translate): Partial<Activity> {
  const base = `q_${qn.id}:${question.key}`;
  const choices = answerChoices(question, qn.id, t);
  const parts: string[] = [];
  if (state.retry) parts.push(t(`${base}.retry`));
  else {
    parts.push(t('questionnaire:progress', progress(qn, state.simple, state.answers)));
    parts.push(t(`${base}.ask`));
  }
  const buttons: string[] = choices.map((c) => c.label);
  if (question.kind === 'multi') {
    parts.push(choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n'));
    if (state.picks.length) {
      const items = choices.filter((c) => state.picks.includes(c.value)).map((c) => c.label).join(', ');
      parts.push(t('questionnaire:multi.chosen', { items }));
      buttons.push(t('questionnaire:buttons.done'));
    } else {
      parts.push(t('questionnaire:multi.hint'));
      buttons.push(t('questionnaire:buttons.none'));
    }
  }
  buttons.push(t('questionnaire:buttons.dont_know'), t('questionnaire:buttons.skip'));
  if (state.history.length) buttons.push(t('questionnaire:buttons.back'));
  buttons.push(t('questionnaire:buttons.stop_questions'));
  const actions: CardAction[] = buttons.map((label) => ({ type: 'imBack', title: label, value: label }));
  const activity = MessageFactory.suggestedActions(actions, parts.join('\n\n'));
  activity.type = ActivityTypes.Message;
  return activity;
}
