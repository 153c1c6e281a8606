// Shows what the answers suggest (never a diagnosis, never blame) and tells the staff queue an assessment is ready.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from '../src/bot/botServices.js';
import { conversationData } from '../src/bot/conversationData.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import { assessmentFrom } from './questionnaire/index.js';
import { assessmentSummary, resultParts } from './resultText.js';

export const RESULT_DIALOG = 'result';
const RESULT_STEPS = 'result.steps';

export class ResultDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(RESULT_DIALOG);
    this.addDialog(new WaterfallDialog(RESULT_STEPS, [this.showStep.bind(this)]));
    this.initialDialogId = RESULT_STEPS;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const t = turnTranslator(step.context);
    const assessment = data.outcomes.length > 0 ? assessmentFrom(data.outcomes) : null;
    await step.context.sendActivity(resultParts(t, assessment, data).join('\n\n'));
    const summary = assessmentSummary(assessment, data);
    await this.services.observer.assessmentReady(step.context.activity.conversation.id, summary);
    this.services.logger.info({ conversationId: step.context.activity.conversation.id, group: summary.group, redFlags: summary.redFlags.length }, 'assessment ready');
    return step.endDialog();
  }
}
