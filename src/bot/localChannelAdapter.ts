// In-process BotAdapter: runs turns through the middleware pipeline and hands replies to a delivery callback.
import {
  BotAdapter,
  TurnContext,
  ActivityTypes,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { KeyedLock } from '../keyedLock.js';

/** Where the bot's outgoing activities go: the web channel appends them to its log, the terminal prints them. */
export type Deliver = (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => Promise<ResourceResponse[]>;

/** Activity types that steer the adapter itself and are never delivered to a channel. */
const SKIPPED_TYPES = new Set(['delay', 'invokeResponse']);

export type TurnLogic = (context: TurnContext) => Promise<void>;

export class LocalChannelAdapter extends BotAdapter {
  private readonly queue = new KeyedLock();

  constructor(private readonly deliver: Deliver) {
    super();
  }

  /** Runs one incoming activity through middleware and `logic`; waits for earlier turns of the same conversation. */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) return Promise.reject(new AppError('invalid_activity', 'activity.conversation.id: required', 400));
    const incoming: Partial<Activity> = {
      id: activity.id ?? randomUUID(),
      timestamp: activity.timestamp ?? new Date(),
      channelId: activity.channelId ?? 'local',
      ...activity,
    };
    return this.queue.run(conversationId, () => this.runMiddleware(new TurnContext(this, incoming), logic));
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const reference = TurnContext.getConversationReference(context.activity);
    // Delays are a channel nicety (typing pauses); in process they would only hold the conversation's queue.
    const outgoing = activities.filter((a) => !SKIPPED_TYPES.has(a.type ?? ''));
    const responses = outgoing.length > 0 ? await this.deliver(reference, outgoing) : [];
    // BotFrameworkAdapter returns one response per activity, delays included; keep that shape.
    let next = 0;
    return activities.map((a) => (SKIPPED_TYPES.has(a.type ?? '') ? { id: '' } : responses[next++] ?? { id: '' }));
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new AppError('not_supported', 'updating a sent activity is not supported by this channel', 501));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new AppError('not_supported', 'deleting a sent activity is not supported by this channel', 501));
  }

  /** A proactive turn (e.g. "the bot is back" after a handoff), queued behind the conversation's other turns. */
  continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const event = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation', id: randomUUID(), timestamp: new Date() },
      reference,
      true,
    );
    return this.processActivity(event, logic);
  }

  /** The newer overloads take an app id or claims identity first; in process there is no authentication, so they are ignored. */
  override async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new AppError('invalid_argument', 'continueConversationAsync: logic is required', 400);
    await this.continueConversation(reference, logic);
  }
}
