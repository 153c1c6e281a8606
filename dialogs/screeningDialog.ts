// Runs the short questionnaires for the user's role one after another through D2's engine; stops early when the user stops.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from '../src/bot/botServices.js';
import { conversationData, recordSignals, type ConversationData } from '../src/bot/conversationData.js';
import { isCritical } from '../src/ids.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import { assessmentFrom, QUESTIONNAIRE_DIALOG, QuestionnaireDialog, type QuestionnaireOptions, type QuestionnaireOutcome } from './questionnaire/index.js';
import { asksAboutHome, screeningPlan } from './screeningPlan.js';
import { choicePromptOptions } from './shared/choices.js';
import { createChoicePrompt } from './shared/choicePrompt.js';

export const SCREENING_DIALOG = 'screening';
const SCREENING_STEPS = 'screening.steps';
const QUESTIONNAIRE_LOOP = 'screening.loop';
const CHOICE = 'screening.choice';

interface LoopOptions {
  index: number;
}

export class ScreeningDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(SCREENING_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE, services));
    this.addDialog(new QuestionnaireDialog(QUESTIONNAIRE_DIALOG));
    this.addDialog(
      new WaterfallDialog(SCREENING_STEPS, [
        this.childrenStep.bind(this),
        this.consentStep.bind(this),
        this.startStep.bind(this),
        this.doneStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(QUESTIONNAIRE_LOOP, [this.askNextStep.bind(this), this.collectStep.bind(this)]));
    this.initialDialogId = SCREENING_STEPS;
  }

  private async childrenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const t = turnTranslator(step.context);
    await step.context.sendActivity(t('screening:intro'));
    if (!asksAboutHome(data.role) || data.hasChildren !== null) return step.next();
    return step.prompt(
      CHOICE,
      choicePromptOptions(t, data.lang, t('screening:children.ask'), [
        { value: 'yes', labelKey: 'common:yes' },
        { value: 'no', labelKey: 'common:no' },
        { value: 'prefer_not', labelKey: 'common:prefer_not' },
      ]),
    );
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const picked = (step.result as FoundChoice | undefined)?.value;
    if (picked === 'yes') data.hasChildren = true;
    if (picked === 'no') data.hasChildren = false;
    // Risk factors touch childhood and money: asked only with consent, and never in simple mode.
    if (!asksAboutHome(data.role) || data.simple || data.riskConsent !== null) return step.next();
    const t = turnTranslator(step.context);
    return step.prompt(
      CHOICE,
      choicePromptOptions(t, data.lang, t('screening:risk_consent.ask'), [
        { value: 'yes', labelKey: 'screening:risk_consent.yes' },
        { value: 'no', labelKey: 'screening:risk_consent.no' },
      ]),
    );
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const picked = (step.result as FoundChoice | undefined)?.value;
    if (picked === 'yes') data.riskConsent = true;
    if (picked === 'no') data.riskConsent = false;
    return step.beginDialog(QUESTIONNAIRE_LOOP, { index: 0 } satisfies LoopOptions);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private async askNextStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const { index } = step.options as LoopOptions;
    const plan = screeningPlan(data);
    const questionnaireId = plan[index];
    if (!questionnaireId) return step.endDialog();
    (step.values as LoopOptions).index = index;
    return step.beginDialog(QUESTIONNAIRE_DIALOG, { questionnaireId, simple: data.simple } satisfies QuestionnaireOptions);
  }

  private async collectStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const outcome = step.result as QuestionnaireOutcome | undefined;
    if (outcome) {
      data.outcomes = [...data.outcomes.filter((o) => o.questionnaireId !== outcome.questionnaireId), outcome];
      await this.recordRedFlags(step, data);
      // "Stoppen met deze vragen" ends the whole screening; the result uses what is known.
      if (outcome.stopped) return step.endDialog();
    }
    return step.replaceDialog(QUESTIONNAIRE_LOOP, { index: (step.values as LoopOptions).index + 1 } satisfies LoopOptions);
  }

  /** Red flags from answers count like signals in free text: they steer routing, and critical ones make the conversation urgent. */
  private async recordRedFlags(step: WaterfallStepContext, data: ConversationData): Promise<void> {
    const { redFlags } = assessmentFrom(data.outcomes);
    const added = recordSignals(data, redFlags);
    if (added.length === 0) return;
    if (added.some(isCritical)) data.urgent = true;
    await this.services.observer.signalsDetected(step.context.activity.conversation.id, data.signals, data.urgent);
  }
}
