// The welcome: says it is a bot and what it can do, checks it is safe to chat, asks who is writing, offers simple mode and language.
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MessageFactory } from 'botbuilder';
import type { Role, Gender } from '../src/ids.js';
import type { BotServices } from '../src/bot/botServices.js';
import { applyProfile } from '../src/bot/applyProfile.js';
import { conversationData } from '../src/bot/conversationData.js';
import { turnTranslator } from '../src/bot/turnTranslator.js';
import { choicePromptOptions } from './shared/choices.js';
import { createChoicePrompt } from './shared/choicePrompt.js';
import { synonymsFor } from './shared/synonyms.js';

export const WELCOME_DIALOG = 'welcome';
const WELCOME_STEPS = 'welcome.steps';
const CHOICE = 'welcome.choice';
const AGE = 'welcome.age';

export interface WelcomeResult {
  safe: boolean;
}

/** Ages the bot accepts as an answer; outside this it asks again (a typo like 140 must not route). */
const AGE_RANGE = { min: 4, max: 120 };
const ROLE_CHOICES: readonly Role[] = ['victim', 'perpetrator', 'young_person', 'bystander'];
const GENDER_CHOICES = ['female', 'male', 'other', 'prefer_not'] as const;

export class WelcomeDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(WELCOME_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE, services));
    this.addDialog(new TextPrompt(AGE, (p) => this.validateAge(p)));
    this.addDialog(
      new WaterfallDialog(WELCOME_STEPS, [
        this.introStep.bind(this),
        this.safeStep.bind(this),
        this.roleStep.bind(this),
        this.ageStep.bind(this),
        this.genderStep.bind(this),
        this.modeStep.bind(this),
        this.doneStep.bind(this),
      ]),
    );
    this.initialDialogId = WELCOME_STEPS;
  }

  private async introStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    const data = await conversationData(this.services.data, step.context);
    await step.context.sendActivity(t('welcome:intro'));
    return step.prompt(
      CHOICE,
      choicePromptOptions(t, data.lang, t('welcome:safe.ask'), [
        { value: 'safe', labelKey: 'welcome:safe.yes' },
        { value: 'unsafe', labelKey: 'welcome:safe.no' },
      ]),
    );
  }

  private async safeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnTranslator(step.context);
    if ((step.result as FoundChoice).value === 'unsafe') {
      await step.context.sendActivity(t('welcome:safe.unsafe_advice'));
      return step.endDialog({ safe: false } satisfies WelcomeResult);
    }
    const data = await conversationData(this.services.data, step.context);
    return step.prompt(
      CHOICE,
      choicePromptOptions(
        t,
        data.lang,
        t('welcome:role.ask'),
        ROLE_CHOICES.map((role) => ({ value: role, labelKey: `welcome:role.${role}` })),
      ),
    );
  }

  private async roleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    data.role = (step.result as FoundChoice).value as Role;
    // The staff queue shows who is writing; the role is an id, never the user's words.
    await this.services.observer.profileChanged?.(step.context.activity.conversation.id, { lang: data.lang, simple: data.simple, role: data.role });
    const t = turnTranslator(step.context);
    await step.context.sendActivity(t(`welcome:role.ack.${data.role}`));
    if (data.role !== 'young_person') return step.next();
    return step.prompt(AGE, {
      prompt: MessageFactory.suggestedActions([t('welcome:age.prefer_not')], t('welcome:age.ask')),
      retryPrompt: MessageFactory.suggestedActions([t('welcome:age.prefer_not')], t('welcome:age.retry')),
    });
  }

  private async validateAge(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = (prompt.recognized.value ?? '').trim().toLowerCase();
    if (!text) return false;
    const data = await conversationData(this.services.data, prompt.context);
    const t = turnTranslator(prompt.context);
    if (text === t('welcome:age.prefer_not').toLowerCase() || synonymsFor('prefer_not', data.lang).some((s) => text.includes(s))) return true;
    const age = Number(/\d{1,3}/.exec(text)?.[0]);
    return Number.isInteger(age) && age >= AGE_RANGE.min && age <= AGE_RANGE.max;
  }

  private async ageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    if (typeof step.result === 'string') {
      const age = Number(/\d{1,3}/.exec(step.result)?.[0]);
      data.age = Number.isInteger(age) ? age : null;
    }
    // The gender question only steers services for adult victims (SafeWomen is for women); others are not asked.
    if (data.role !== 'victim') return step.next();
    const t = turnTranslator(step.context);
    return step.prompt(
      CHOICE,
      choicePromptOptions(
        t,
        data.lang,
        t('welcome:gender.ask'),
        GENDER_CHOICES.map((g) => ({ value: g, labelKey: `welcome:gender.${g}` })),
      ),
    );
  }

  private async genderStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const picked = (step.result as FoundChoice | undefined)?.value;
    if (picked && picked !== 'prefer_not') data.gender = picked as Gender;
    const t = turnTranslator(step.context);
    const ask = data.role === 'young_person' && !data.simple ? t('welcome:mode.ask_young') : t('welcome:mode.ask');
    return step.prompt(
      CHOICE,
      choicePromptOptions(t, data.lang, ask, [
        { value: 'keep', labelKey: 'welcome:mode.keep' },
        { value: data.simple ? 'standard' : 'simple', labelKey: data.simple ? 'welcome:mode.standard' : 'welcome:mode.simple' },
        { value: 'switch_language', labelKey: 'welcome:mode.other_language' },
      ]),
    );
  }

  private async modeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const data = await conversationData(this.services.data, step.context);
    const picked = (step.result as FoundChoice).value;
    if (picked === 'simple') await applyProfile(step.context, this.services, { simple: true });
    if (picked === 'standard') await applyProfile(step.context, this.services, { simple: false });
    if (picked === 'switch_language') await applyProfile(step.context, this.services, { lang: data.lang === 'nl' ? 'en' : 'nl' });
    if (picked !== 'keep') await step.context.sendActivity(turnTranslator(step.context)('welcome:mode.changed'));
    return step.next();
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog({ safe: true } satisfies WelcomeResult);
  }
}
