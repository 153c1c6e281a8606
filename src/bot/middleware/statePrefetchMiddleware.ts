// Loads the turn's conversation and user state with one storage read before anything asks for either.
import type { BotState, Middleware, TurnContext } from 'botbuilder';
import { loadTogether } from '../fastBotState.js';

export class StatePrefetchMiddleware implements Middleware {
  constructor(private readonly states: BotState[]) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // Both keys need these ids; without them the states load lazily and fail as botbuilder's own would.
    if (context.activity.conversation?.id && context.activity.from?.id && context.activity.channelId) await loadTogether(context, this.states);
    await next();
  }
}
