// Composes the bot: adapter, state on the given Storage, middleware (privacy, state, i18n, safety) and the main dialog.
import {
  AutoSaveStateMiddleware,
  type Activity,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { MainDialog } from '../../dialogs/mainDialog.js';
import type { Analyser } from './analyser.js';
import type { BotServices, Preferences } from './botServices.js';
import { newConversationData, type ConversationData } from './conversationData.js';
import { FastConversationState, FastUserState } from './fastBotState.js';
import { HulpwijzerBot } from './hulpwijzerBot.js';
import { DEFAULT_LANGUAGE, translator } from './i18n.js';
import { LocalChannelAdapter, type Deliver } from './localChannelAdapter.js';
import { silentLogger, type BotLogger } from './logger.js';
import { I18nMiddleware } from './middleware/i18nMiddleware.js';
import { PrivacyMiddleware } from './middleware/privacyMiddleware.js';
import { SafetyMiddleware } from './middleware/safetyMiddleware.js';
import { StatePrefetchMiddleware } from './middleware/statePrefetchMiddleware.js';
import { cacheDialogPaths } from './dialogPathCache.js';
import { noStaffHandoff, silentObserver, type ConversationObserver, type HandoffPort } from './ports.js';

export interface CreateBotOptions {
  storage: Storage;
  analyser: Analyser;
  deliver: Deliver;
  handoff?: HandoffPort;
  observer?: ConversationObserver;
  clock?: () => Date;
  logger?: BotLogger;
}

export interface Bot {
  adapter: LocalChannelAdapter;
  bot: HulpwijzerBot;
  /** One incoming activity from the user (or a conversationUpdate); resolves when the turn is done and saved. */
  handle(activity: Partial<Activity>): Promise<void>;
}

export function createBot(options: CreateBotOptions): Bot {
  cacheDialogPaths();
  const logger = options.logger ?? silentLogger;
  const adapter = new LocalChannelAdapter(options.deliver);
  const conversationState = new FastConversationState(options.storage);
  const userState = new FastUserState(options.storage);
  const services: BotServices = {
    data: conversationState.createProperty<ConversationData>('hulpwijzer'),
    preferences: userState.createProperty<Preferences | undefined>('preferences'),
    analyser: options.analyser,
    handoff: options.handoff ?? noStaffHandoff,
    observer: options.observer ?? silentObserver,
    clock: options.clock ?? (() => new Date()),
    logger,
  };
  const bot = new HulpwijzerBot(conversationState, new MainDialog(services), services);

  adapter.use(
    new PrivacyMiddleware(logger),
    new AutoSaveStateMiddleware(conversationState, userState),
    new StatePrefetchMiddleware([conversationState, userState]),
    new I18nMiddleware(services),
    new SafetyMiddleware(services),
  );

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Log the kind of failure only: an error message may quote what the user typed.
    const code = (error as { code?: unknown }).code;
    logger.error({ conversationId: context.activity.conversation?.id, error: error.name, code: typeof code === 'string' ? code : undefined }, 'turn failed');
    const data = await services.data.get(context, newConversationData());
    const t = translator(data?.lang ?? DEFAULT_LANGUAGE, data?.simple ?? false);
    await bot.resetDialogs(context);
    await conversationState.saveChanges(context);
    await context.sendActivity(t('common:error'));
  };

  return {
    adapter,
    bot,
    handle: (activity) => adapter.processActivity(activity, (context) => bot.run(context)),
  };
}
