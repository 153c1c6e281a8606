// What happens to a user's message while a person has (or is about to take) the conversation: the bot stays silent.
import type { AppContext } from '../appContext.js';
import type { HandedOffMessageHook } from '../channel/conversationRouter.js';
import type { HandoffService } from './handoffService.js';

/**
 * The router has already logged the message and pushed it on the streams (staff watching the transcript get it).
 * Here: the "stop waiting" button ends the wait; anything else only moves the conversation up the console's list.
 */
export function createHandedOffHook(ctx: Pick<AppContext, 'bus' | 'logger'>, handoff: HandoffService): HandedOffMessageHook {
  return async (record, stored) => {
    const activity = stored.activity as { type?: string; text?: unknown };
    if (record.mode === 'queued' && activity.type === 'message' && typeof activity.text === 'string' && handoff.isCancelText(record, activity.text)) {
      try {
        await handoff.cancelByUser(record.id);
        return;
      } catch (error) {
        // Claimed a moment earlier: the person is there now, so the message simply goes to them.
        if ((error as { status?: number }).status !== 409) throw error;
        ctx.logger.info({ conversationId: record.id, code: 'cancel_after_claim' }, 'cancel came after the claim');
      }
    }
    await ctx.bus.publish('conversation', record.id);
  };
}
