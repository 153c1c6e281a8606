// Safety information on request: hiding the visit, a safety plan, what Veilig Thuis does, the huisverbod, and role-specific topics.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from '../src/bot/botServices.js';
import { conversationData } from '../src/bot/conversationData.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import type { Role } from '../src/ids.js';
import { choicePromptOptions } from './shared/choices.js';
import { createChoicePrompt } from './shared/choicePrompt.js';

export const SAFETY_INFO_DIALOG = 'safetyInfo';
const SAFETY_INFO_STEPS = 'safetyInfo.steps';
const CHOICE = 'safetyInfo.choice';

/** Topics everyone sees, then the ones for one role (the young-person and perpetrator paths). */
const COMMON_TOPICS = ['hide_visit', 'safety_plan', 'veilig_thuis', 'huisverbod'] as const;
const ROLE_TOPICS: Record<Role, readonly string[]> = {
  victim: [],
  perpetrator: ['stop_violence'],
  young_person: ['telling'],
  bystander: ['bystander_help'],
};

export function topicsFor(role: Role | null): string[] {
  const own = role ? ROLE_TOPICS[role] : [];
  // The role's own topic first: it is the one the person most likely came for.
  return [...own, ...COMMON_TOPICS];
}

export class SafetyInfoDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(SAFETY_INFO_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE, services));
    this.addDialog(new WaterfallDialog(SAFETY_INFO_STEPS, [this.askStep.bind(this), this.showStep.bind(this)]));
    this.initialDialogId = SAFETY_INFO_STEPS;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const data = await conversationData(this.services.data, step.context);
    const items = [...topicsFor(data.role).map((id) => ({ value: id, labelKey: `safetyinfo:${id}.label` })), { value: 'back', labelKey: 'safetyinfo:back' }];
    const first = (step.options as { again?: boolean } | undefined)?.again !== true;
    return step.prompt(CHOICE, choicePromptOptions(t, data.lang, t(first ? 'safetyinfo:ask' : 'safetyinfo:ask_again'), items));
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = (step.result as FoundChoice).value;
    if (picked === 'back') return step.endDialog();
    await step.context.sendActivity(turnTranslator(step.context)(`safetyinfo:${picked}.text`));
    return step.replaceDialog(SAFETY_INFO_STEPS, { again: true });
  }
}
