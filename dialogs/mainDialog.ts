// Orchestrates the conversation (welcome, tell, screening, result, routing) and is the ONE place for the global interrupts.
import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import type { BotServices } from '../src/bot/botServices.js';
import { conversationData, restartedConversationData } from '../src/bot/conversationData.js';
import { handledBy } from '../src/bot/turnFlags.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import { matchInterrupt, type Interrupt } from './main/interruptMatcher.js';
import { QUESTIONNAIRE_DIALOG } from './questionnaire/index.js';
import { RESULT_DIALOG, ResultDialog } from './resultDialog.js';
import { ROUTING_DIALOG, RoutingDialog, type RoutingResult } from './routingDialog.js';
import { SCREENING_DIALOG, ScreeningDialog } from './screeningDialog.js';
import { TELL_DIALOG, TELL_TEXT_PROMPT, TellDialog, type TellResult } from './tellDialog.js';
import { WELCOME_DIALOG, WelcomeDialog, type WelcomeResult } from './welcomeDialog.js';
import { leafContext, repromptOpenQuestion } from './main/reprompt.js';
import { requestPerson } from './shared/person.js';
import { routeText } from './shared/routeText.js';
import { SAFETY_INFO_DIALOG, SafetyInfoDialog } from './safetyInfoDialog.js';

export const MAIN_DIALOG = 'main';
const MAIN_STEPS = 'main.steps';

/** Kept between the main steps: "help now" in the tell step skips screening and result. */
interface StepValues {
  skipResult?: boolean;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(MAIN_DIALOG);
    this.addDialog(new WelcomeDialog(services));
    this.addDialog(new TellDialog(services));
    this.addDialog(new ScreeningDialog(services));
    this.addDialog(new ResultDialog(services));
    this.addDialog(new RoutingDialog(services));
    this.addDialog(new SafetyInfoDialog(services));
    this.addDialog(
      new WaterfallDialog(MAIN_STEPS, [
        this.welcomeStep.bind(this),
        this.tellStep.bind(this),
        this.screeningStep.bind(this),
        this.resultStep.bind(this),
        this.routingStep.bind(this),
        this.finishStep.bind(this),
      ]),
    );
    this.initialDialogId = MAIN_STEPS;
  }

  // ---- the flow --------------------------------------------------------------------------------

  private async welcomeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(WELCOME_DIALOG);
  }

  private async tellStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as WelcomeResult | undefined)?.safe === false) return step.endDialog();
    return step.beginDialog(TELL_DIALOG);
  }

  private async screeningStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const skipResult = (step.result as TellResult | undefined)?.next === 'routing';
    (step.values as StepValues).skipResult = skipResult;
    if (skipResult) return step.next();
    return step.beginDialog(SCREENING_DIALOG);
  }

  private async resultStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.values as StepValues).skipResult === true) return step.next();
    return step.beginDialog(RESULT_DIALOG);
  }

  private async routingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(ROUTING_DIALOG);
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as RoutingResult | undefined)?.end === 'restart') {
      const data = await conversationData(this.services.data, step.context);
      await this.services.data.set(step.context, restartedConversationData(data));
      return step.replaceDialog(MAIN_STEPS);
    }
    return step.endDialog();
  }

  // ---- interrupts: checked here before any child dialog sees the text -------------------------

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { context } = innerDc;
    if (context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const handled = handledBy(context);
    // The safety answer was sent; a question is asked again, but a story typed where a story was asked is still read.
    if (handled === 'command' || (handled === 'safety' && leafDialogId(innerDc) !== TELL_TEXT_PROMPT)) {
      await repromptOpenQuestion(innerDc);
      return Dialog.EndOfTurn;
    }
    const interrupt = matchInterrupt(context.activity.text ?? '');
    if (interrupt && !(interrupt === 'back' && insideQuestionnaire(innerDc))) return this.interrupt(innerDc, interrupt);
    return super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext, interrupt: Interrupt): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const t = turnTranslator(context);
    this.services.logger.info({ conversationId: context.activity.conversation.id, interrupt }, 'interrupt');
    switch (interrupt) {
      case 'stop':
        await context.sendActivity(t('interrupts:stop.goodbye'));
        return innerDc.cancelAllDialogs();
      case 'human': {
        // While a person takes over, the current question stays open for when the bot is back.
        // Saying yes to the bot's own offer keeps the offer's reason (critical, misunderstanding) for the staff queue.
        const data = await conversationData(this.services.data, context);
        const reason = data.personOffer ?? 'user_asked';
        data.personOffer = null;
        if (await requestPerson(context, this.services, reason)) return Dialog.EndOfTurn;
        break;
      }
      case 'help':
        await context.sendActivity(t('interrupts:help'));
        break;
      case 'bot':
        await context.sendActivity(t('interrupts:bot'));
        break;
      case 'where':
        await context.sendActivity(await routeText(context, this.services));
        break;
      case 'safety_info':
        // Shown on top of the current part; when it ends, the part below asks its question again.
        return innerDc.beginDialog(SAFETY_INFO_DIALOG);
      case 'back': {
        // Outside a questionnaire "terug" goes back to the start of the current part.
        const section = innerDc.activeDialog;
        if (section && section.id !== MAIN_STEPS) {
          await context.sendActivity(t('interrupts:back'));
          return innerDc.replaceDialog(section.id);
        }
        await context.sendActivity(t('interrupts:back_not_possible'));
        break;
      }
    }
    await repromptOpenQuestion(innerDc);
    return Dialog.EndOfTurn;
  }
}

/** The innermost active dialog: the prompt or question the user is answering. */
export function leafDialogId(dc: DialogContext): string | undefined {
  return leafContext(dc).activeDialog?.id;
}

function insideQuestionnaire(dc: DialogContext): boolean {
  for (let current: DialogContext | undefined = dc; current; current = current.child) {
    if (current.activeDialog?.id === QUESTIONNAIRE_DIALOG) return true;
  }
  return false;
}
