// The web channel's one door: builds the Direct Line routes, the WebSocket streams and the per-conversation router together.
import type express from 'express';
import type { AppContext } from '../appContext.js';
import { ConversationRouter, type BotTurnHandler, type HandedOffMessageHook } from './conversationRouter.js';
import { createDirectLineRouter, DIRECT_LINE_BASE } from './directLineRouter.js';
import { StreamHub, type StreamHubOptions } from './streamHub.js';
import { TokenService } from './tokens.js';

export { ConversationRouter, type BotTurnHandler, type HandedOffMessageHook } from './conversationRouter.js';
export { appendAndPublish, createDeliver, toOutgoingActivity, type Deliver } from './activityLog.js';
export { BOT_ACCOUNT, CHANNEL_ID, SERVICE_URL, userAccount } from './clientActivity.js';
export { createErrorHandler, notFoundHandler } from './errorHandler.js';
export { UnauthorizedError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from './httpErrors.js';
export { DIRECT_LINE_BASE } from './directLineRouter.js';
export { TokenService } from './tokens.js';
export { StreamHub } from './streamHub.js';

export interface DirectLineChannel {
  /** Mount at DIRECT_LINE_BASE. */
  router: express.Router;
  streams: StreamHub;
  conversations: ConversationRouter;
  tokens: () => Promise<TokenService>;
  close(): Promise<void>;
}

export interface DirectLineChannelOptions {
  bot: BotTurnHandler;
  onHandedOffMessage?: HandedOffMessageHook;
  stream?: StreamHubOptions;
}

export function createDirectLineChannel(ctx: AppContext, options: DirectLineChannelOptions): DirectLineChannel {
  // The signing key lives in the store so every instance behind a load balancer accepts every token.
  let service: Promise<TokenService> | null = null;
  const tokens = () => {
    service ??= ctx.store.getOrCreateSecret('token').then((key) => new TokenService(key, ctx.config.TOKEN_TTL_SECONDS, ctx.clock));
    // A failed load (store down) is retried on the next request rather than remembered.
    service.catch(() => (service = null));
    return service;
  };
  const conversations = new ConversationRouter(ctx, { bot: options.bot, onHandedOffMessage: options.onHandedOffMessage });
  const streams = new StreamHub(ctx, tokens, options.stream);
  const router = createDirectLineRouter({ ctx, tokens, router: conversations });
  return {
    router,
    streams,
    conversations,
    tokens,
    close: async () => {
      await streams.close();
      await conversations.drain();
    },
  };
}

