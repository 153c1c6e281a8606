// Writes to a conversation's activity log and tells every stream about it: the one path for user, bot and staff activities.
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import type { AppContext } from '../appContext.js';
import { AppError } from '../errors.js';
import type { AppendedActivity } from '../storage/store.js';
import { recentActivitiesOf } from './recentActivities.js';
import { BOT_ACCOUNT, CHANNEL_ID, SERVICE_URL, userAccount } from './clientActivity.js';

type LogContext = Pick<AppContext, 'store' | 'bus' | 'clock'> & { logger?: Pick<AppContext['logger'], 'error'> };

/** Appends (the store assigns seq and id) and publishes the conversation id on 'activity', so streams push it. */
export async function appendAndPublish(ctx: LogContext, conversationId: string, activity: Record<string, unknown>): Promise<AppendedActivity> {
  const stored = await ctx.store.appendActivity(conversationId, activity, ctx.clock().getTime());
  recentActivitiesOf(ctx)?.add(stored);
  await ctx.bus.publish('activity', conversationId);
  return stored;
}

/**
 * Appends at once and publishes once the store says it is durable: the caller goes on at once
 * (a bot turn's replies share one commit) while nobody sees the activity before it is safe. `published` rejects
 * when the commit failed.
 */
export async function stageAndPublish(
  ctx: LogContext,
  conversationId: string,
  activity: Record<string, unknown>,
): Promise<{ stored: AppendedActivity; published: Promise<void> }> {
  const stored = await ctx.store.stageActivity(conversationId, activity, ctx.clock().getTime());
  const published = ctx.store.durable(conversationId).then(() => {
    recentActivitiesOf(ctx)?.add(stored);
    return ctx.bus.publish('activity', conversationId);
  });
  return { stored, published };
}

/**
 * Activities we never put in the log: typing is a live nicety that would clutter the transcript and
 * retention; delay and invokeResponse steer an adapter and mean nothing to a channel.
 */
const NOT_LOGGED = new Set(['typing', 'delay', 'invokeResponse']);

/** Fills in addressing for a bot activity: always from the bot, to this conversation's user, stamped now; never the bot's own id/time. */
export function toOutgoingActivity(activity: Partial<Activity>, conversationId: string, now: Date): Record<string, unknown> {
  const { id: _id, timestamp: _ts, localTimestamp: _lts, ...rest } = activity as Record<string, unknown>;
  const out: Record<string, unknown> = {
    ...rest,
    from: { ...BOT_ACCOUNT },
    recipient: userAccount(conversationId),
    conversation: { id: conversationId },
    channelId: CHANNEL_ID,
    serviceUrl: SERVICE_URL,
    timestamp: now.toISOString(),
  };
  // JSON has no undefined; dropping them keeps stored and streamed activities identical.
  return jsonCopy(out) as Record<string, unknown>;
}

/**
 * What JSON.parse(JSON.stringify(value)) returns (undefined and functions dropped from objects and made null in
 * arrays, toJSON applied, non-finite numbers as null), without producing and re-reading the text: a few times faster.
 */
export function jsonCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no -0: a round trip gives 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    case 'object': {
      const withToJson = value as { toJSON?: (key: string) => unknown };
      if (typeof withToJson.toJSON === 'function') return jsonCopy(withToJson.toJSON(''));
      if (Array.isArray(value)) return value.map((item) => jsonCopy(item) ?? null);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const copied = jsonCopy((value as Record<string, unknown>)[key]);
        if (copied === undefined) continue;
        // JSON.parse makes "__proto__" an own key; assigning it would set the prototype instead.
        if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
        else out[key] = copied;
      }
      return out;
    }
    default:
      return undefined;
  }
}

export type Deliver = (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => Promise<ResourceResponse[]>;

/** The bot's `deliver` callback for the web channel: each outgoing activity goes into the log and out on the streams. */
export function createDeliver(ctx: LogContext): Deliver {
  return async (reference, activities) => {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new AppError('invalid_reference', 'deliver: reference.conversation.id is required', 500);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (NOT_LOGGED.has(activity.type ?? '')) {
        responses.push({ id: '' });
        continue;
      }
      const { stored, published } = await stageAndPublish(ctx, conversationId, toOutgoingActivity(activity, conversationId, ctx.clock()));
      // The turn goes on; the reply reaches the streams after the commit. A failed commit loses the whole turn, logged once here.
      published.catch((error: unknown) => ctx.logger?.error({ errorName: (error as Error)?.name, errorCode: (error as { code?: string })?.code }, 'reply not stored'));
      responses.push({ id: String(stored.activity.id) });
    }
    return responses;
  };
}
