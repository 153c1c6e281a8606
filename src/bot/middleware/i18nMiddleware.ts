// Sets the translator of each turn from the conversation's language and simple mode; applies channel settings and /taal-style commands.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotServices } from '../botServices.js';
import { applyProfile, type ProfileChange } from '../applyProfile.js';
import { conversationData } from '../conversationData.js';
import { SUPPORTED_LANGUAGES, translator } from '../i18n.js';
import { markHandled } from '../turnFlags.js';
import { setTurnTranslator, turnTranslator } from '../turnTranslator.js';
import { parseSettingCommand } from './settingCommand.js';

/** What a channel (the web page's switches, the terminal's flags) may send along with an activity. */
const ChannelSettingsSchema = z.object({
  lang: z.enum(SUPPORTED_LANGUAGES).optional(),
  simple: z.boolean().optional(),
});

export class I18nMiddleware implements Middleware {
  constructor(private readonly services: BotServices) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const data = await conversationData(this.services.data, context);
    setTurnTranslator(context, translator(data.lang, data.simple));
    await this.applyStartPreferences(context, data.lang, data.simple);
    await this.applyChannelSettings(context);
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    const command = text ? parseSettingCommand(text) : undefined;
    if (command) await this.applyCommand(context, command);
    await next();
  }

  /** The page's switches (or the terminal's flags) come with every activity; only a change is applied, so a choice made in the dialog stays. */
  private async applyChannelSettings(context: TurnContext): Promise<void> {
    const settings = ChannelSettingsSchema.safeParse(context.activity.channelData ?? {});
    if (!settings.success) return;
    const data = await conversationData(this.services.data, context);
    const seen = data.channelSettings ?? {};
    const change: ProfileChange = {};
    if (settings.data.lang !== undefined && settings.data.lang !== seen.lang) change.lang = settings.data.lang;
    if (settings.data.simple !== undefined && settings.data.simple !== seen.simple) change.simple = settings.data.simple;
    data.channelSettings = { ...seen, ...settings.data };
    if (change.lang !== undefined || change.simple !== undefined) await applyProfile(context, this.services, change);
  }

  /** A new conversation starts in the language and mode this user chose last time (same browser session). */
  private async applyStartPreferences(context: TurnContext, lang: string, simple: boolean): Promise<void> {
    const preferences = await this.services.preferences.get(context);
    if (!preferences || (preferences.lang === lang && preferences.simple === simple)) return;
    const data = await conversationData(this.services.data, context);
    if (data.role === null && data.outcomes.length === 0) await applyProfile(context, this.services, preferences);
  }

  private async applyCommand(context: TurnContext, change: ProfileChange): Promise<void> {
    await applyProfile(context, this.services, change);
    const data = await conversationData(this.services.data, context);
    const t = turnTranslator(context);
    await context.sendActivity(t(change.lang ? 'common:settings.language_changed' : data.simple ? 'common:settings.simple_on' : 'common:settings.simple_off'));
    markHandled(context, 'command');
  }
}
