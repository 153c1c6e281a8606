// Where to go now: services that fit and whether they are open, the helpdesk when staff are online, then a small menu.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from '../src/bot/botServices.js';
import { conversationData } from '../src/bot/conversationData.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import { assessmentFrom } from './questionnaire/index.js';
import { assessmentSummary } from './resultText.js';
import { SAFETY_INFO_DIALOG, SafetyInfoDialog } from './safetyInfoDialog.js';
import { choicePromptOptions, type ChoiceItem } from './shared/choices.js';
import { createChoicePrompt } from './shared/choicePrompt.js';
import { requestPerson } from './shared/person.js';
import { routeText } from './shared/routeText.js';
import { summaryText } from './summaryText.js';

export const ROUTING_DIALOG = 'routing';
const ROUTING_STEPS = 'routing.steps';
const MENU_LOOP = 'routing.menu';
const CHOICE = 'routing.choice';

export type RoutingEnd = 'restart' | 'stop';
export interface RoutingResult {
  end: RoutingEnd;
}
interface MenuOptions {
  /** The menu comes back after a topic or action: a short question instead of the full one. */
  again?: boolean;
}

export class RoutingDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(ROUTING_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE, services));
    this.addDialog(new SafetyInfoDialog(services));
    this.addDialog(new WaterfallDialog(ROUTING_STEPS, [this.showStep.bind(this), this.endStep.bind(this)]));
    this.addDialog(new WaterfallDialog(MENU_LOOP, [this.menuStep.bind(this), this.pickStep.bind(this), this.loopStep.bind(this)]));
    this.initialDialogId = ROUTING_STEPS;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(await routeText(step.context, this.services));
    return step.beginDialog(MENU_LOOP, {} satisfies MenuOptions);
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result as RoutingResult);
  }

  private async menuStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const data = await conversationData(this.services.data, step.context);
    const staffOnline = await this.services.handoff.staffAvailable(step.context.activity.conversation.id);
    const items: ChoiceItem[] = [
      ...(staffOnline ? [{ value: 'person', labelKey: 'routing:menu.person' }] : []),
      { value: 'safety_info', labelKey: 'routing:menu.safety_info' },
      { value: 'summary', labelKey: 'routing:menu.summary' },
      { value: 'restart', labelKey: 'routing:menu.restart' },
      { value: 'stop', labelKey: 'routing:menu.stop' },
    ];
    const again = (step.options as MenuOptions | undefined)?.again === true;
    return step.prompt(CHOICE, choicePromptOptions(t, data.lang, t(again ? 'routing:menu.ask_again' : 'routing:menu.ask'), items));
  }

  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const picked = (step.result as FoundChoice).value;
    switch (picked) {
      case 'person':
        await requestPerson(step.context, this.services, 'user_asked');
        return step.next();
      case 'safety_info':
        return step.beginDialog(SAFETY_INFO_DIALOG);
      case 'summary': {
        const data = await conversationData(this.services.data, step.context);
        const assessment = data.outcomes.length > 0 ? assessmentFrom(data.outcomes) : null;
        await step.context.sendActivity(t('routing:summary.intro'));
        await step.context.sendActivity(summaryText(t, data, assessmentSummary(assessment, data)));
        return step.next();
      }
      case 'restart':
        return step.endDialog({ end: 'restart' } satisfies RoutingResult);
      default:
        await step.context.sendActivity(t('interrupts:stop.goodbye'));
        return step.endDialog({ end: 'stop' } satisfies RoutingResult);
    }
  }

  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MENU_LOOP, { again: true } satisfies MenuOptions);
  }
}
