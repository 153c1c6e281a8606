// Everything the middleware and dialogs share, injected once by createBot (style: services through constructors).
import type { StatePropertyAccessor } from 'botbuilder';
import type { Analyser } from './analyser.js';
import type { ConversationDataAccessor } from './conversationData.js';
import type { Language } from './i18n.js';
import type { BotLogger } from './logger.js';
import type { ConversationObserver, HandoffPort } from './ports.js';

/** Kept per user id (one browser session): the language and mode to start the next conversation in. */
export interface Preferences {
  lang: Language;
  simple: boolean;
}

export interface BotServices {
  data: ConversationDataAccessor;
  preferences: StatePropertyAccessor<Preferences | undefined>;
  analyser: Analyser;
  handoff: HandoffPort;
  observer: ConversationObserver;
  clock: () => Date;
  logger: BotLogger;
}
