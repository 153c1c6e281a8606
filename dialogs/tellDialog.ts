// "Tell in your own words": free text, analysed, said back in plain words; the user confirms before the bot goes on.
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MessageFactory } from 'botbuilder';
import type { BotServices } from '../src/bot/botServices.js';
import { conversationData } from '../src/bot/conversationData.js';
import { turnAnalysis } from '../src/bot/turnFlags.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import type { Role } from '../src/ids.js';
import { choicePromptOptions } from './shared/choices.js';
import { createChoicePrompt } from './shared/choicePrompt.js';
import { synonymsFor } from './shared/synonyms.js';
import { reflectionText } from './reflection.js';

export const TELL_DIALOG = 'tell';
/** The free-text prompt: a message with a critical signal is still the story here, so it is read, not re-asked. */
export const TELL_TEXT_PROMPT = 'tell.text';
const TELL_STEPS = 'tell.steps';
const CHOICE = 'tell.choice';

export type TellNext = 'screen' | 'routing';
export interface TellResult {
  next: TellNext;
}
interface TellOptions {
  retold?: boolean;
}

export class TellDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(TELL_DIALOG);
    this.addDialog(new TextPrompt(TELL_TEXT_PROMPT));
    this.addDialog(createChoicePrompt(CHOICE, services));
    this.addDialog(
      new WaterfallDialog(TELL_STEPS, [
        this.askStep.bind(this),
        this.reflectStep.bind(this),
        this.confirmStep.bind(this),
        this.roleStep.bind(this),
      ]),
    );
    this.initialDialogId = TELL_STEPS;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const retold = (step.options as TellOptions | undefined)?.retold === true;
    (step.values as TellOptions).retold = retold;
    const text = retold ? t('tell:ask_again') : t('tell:ask');
    return step.prompt(TELL_TEXT_PROMPT, { prompt: MessageFactory.suggestedActions([t('tell:skip')], text) });
  }

  private async reflectStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const data = await conversationData(this.services.data, step.context);
    const text = String(step.result ?? '').trim();
    if (this.isSkip(text, t('tell:skip'), data.lang)) {
      await step.context.sendActivity(t('tell:skipped'));
      return step.endDialog({ next: 'screen' } satisfies TellResult);
    }
    const analysis = turnAnalysis(step.context) ?? this.services.analyser.analyse(text, data.lang);
    for (const p of analysis.profiles) if (!data.profileHints.includes(p.id)) data.profileHints.push(p.id);
    data.suggestedRole = analysis.role;
    return step.prompt(
      CHOICE,
      choicePromptOptions(t, data.lang, `${reflectionText(t, analysis, data.role ?? analysis.role)}\n\n${t('tell:confirm.ask')}`, [
        { value: 'go_on', labelKey: 'tell:confirm.go_on' },
        { value: 'not_quite', labelKey: 'tell:confirm.not_quite' },
        { value: 'help_now', labelKey: 'tell:confirm.help_now' },
      ]),
    );
  }

  private isSkip(text: string, label: string, lang: 'nl' | 'en'): boolean {
    const normal = text.toLowerCase();
    return normal === label.toLowerCase() || synonymsFor('skip', lang).includes(normal);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const picked = (step.result as FoundChoice).value;
    if (picked === 'help_now') return step.endDialog({ next: 'routing' } satisfies TellResult);
    if (picked === 'not_quite' && (step.values as TellOptions).retold !== true) return step.replaceDialog(TELL_STEPS, { retold: true } satisfies TellOptions);
    if (picked === 'not_quite') await step.context.sendActivity(t('tell:thanks_anyway'));
    const data = await conversationData(this.services.data, step.context);
    const suggested = data.suggestedRole;
    if (!suggested || suggested === data.role) return step.endDialog({ next: 'screen' } satisfies TellResult);
    return step.prompt(
      CHOICE,
      choicePromptOptions(t, data.lang, t(`tell:role_check.${suggested}`), [
        { value: 'yes', labelKey: 'common:yes' },
        { value: 'no', labelKey: 'common:no' },
      ]),
    );
  }

  private async roleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    if ((step.result as FoundChoice).value === 'yes' && data.suggestedRole) {
      data.role = data.suggestedRole as Role;
      await this.services.observer.profileChanged?.(step.context.activity.conversation.id, { lang: data.lang, simple: data.simple, role: data.role });
    }
    return step.endDialog({ next: 'screen' } satisfies TellResult);
  }
}
