// Logs each turn by ids, types and timing only, so no user text can reach the logs; errors are logged by code.
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { BotLogger } from '../logger.js';

export class PrivacyMiddleware implements Middleware {
  constructor(private readonly logger: BotLogger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = Date.now();
    const { type, conversation, id } = context.activity;
    let sent = 0;
    context.onSendActivities(async (_ctx, activities: Partial<Activity>[], nextSend: () => Promise<ResourceResponse[]>) => {
      sent += activities.length;
      return nextSend();
    });
    try {
      await next();
    } finally {
      // Only what is needed to follow a turn: never activity.text, attachments or channelData.
      this.logger.info({ conversationId: conversation?.id, activityId: id, type, sent, ms: Date.now() - started }, 'turn');
    }
  }
}
