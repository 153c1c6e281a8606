// Validates what a browser may post as an activity and rebuilds it server-side: the client never chooses from, role, ids or times.
import { z } from 'zod';
import { LANGUAGES, LanguageSchema } from '../ids.js';
import { parseOrThrow } from '../validation.js';
import { userIdForConversation } from '../storage/stateKeys.js';
import { InvalidInputError } from '../errors.js';
import { PayloadTooLargeError } from './httpErrors.js';

export const CHANNEL_ID = 'directline';
/** In process there is no connector service; the value only fills the field botbuilder copies into references. */
export const SERVICE_URL = 'urn:hulpwijzer:directline';
export const BOT_ACCOUNT = Object.freeze({ id: 'hulpwijzer', name: 'Hulpwijzer', role: 'bot' });

export function userAccount(conversationId: string): { id: string; role: 'user' } {
  return { id: userIdForConversation(conversationId), role: 'user' };
}

/** Keys Web Chat adds to channelData: clientActivityID lets it match the echo to what it sent. */
const channelDataSchema = z
  .object({
    lang: LanguageSchema.optional(),
    simple: z.boolean().optional(),
    clientActivityID: z.string().max(128).optional(),
    clientTimestamp: z.string().max(64).optional(),
  })
  .strip();

const localeSchema = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'expected a BCP 47 language tag' });

/**
 * Fields we keep from a client activity; everything else a client library sends (from, timestamp,
 * localTimezone, entities, attachments...) is dropped, not rejected, so Web Chat works unchanged.
 */
const clientActivitySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    text: z.string().optional(),
    textFormat: z.enum(['plain', 'markdown']).optional(),
    locale: localeSchema.optional(),
    value: z.unknown().optional(),
    channelData: channelDataSchema.optional(),
  }),
  z.object({
    type: z.literal('event'),
    name: z.string().regex(/^[a-z][a-z0-9/_.-]{0,63}$/, { message: 'expected a short lower-case event name' }),
    value: z.unknown().optional(),
    locale: localeSchema.optional(),
    channelData: channelDataSchema.optional(),
  }),
  // Web Chat sends typing when sendTypingIndicator is on; accepted and dropped (see isIgnoredActivity).
  z.object({ type: z.literal('typing') }),
], { message: 'expected message, event or typing' });

export type ClientActivity = z.infer<typeof clientActivitySchema>;

/** Parses the posted body; 400 naming the field when it is wrong, 413 when the message text is longer than allowed. */
export function parseClientActivity(body: unknown, maxMessageBytes: number): ClientActivity {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidInputError('activity: (root): expected a JSON object');
  const activity = parseOrThrow(clientActivitySchema, body, 'activity');
  if (activity.type === 'message') {
    if (activity.text !== undefined && Buffer.byteLength(activity.text, 'utf8') > maxMessageBytes) {
      throw new PayloadTooLargeError(`activity: text: longer than ${maxMessageBytes} bytes`, 'message_too_large');
    }
    if ((activity.text === undefined || activity.text === '') && activity.value === undefined) {
      throw new InvalidInputError('activity: text: a message needs text or a value');
    }
  }
  if ('value' in activity && activity.value !== undefined && Buffer.byteLength(JSON.stringify(activity.value), 'utf8') > maxMessageBytes) {
    throw new PayloadTooLargeError(`activity: value: larger than ${maxMessageBytes} bytes`, 'message_too_large');
  }
  return activity;
}

export function isIgnoredActivity(activity: ClientActivity): boolean {
  return activity.type === 'typing';
}

/** Builds the activity as the bot and the log see it: addressing, channel and time are set here, never by the client. */
export function toUserActivity(activity: ClientActivity, conversationId: string, now: Date): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...activity,
    from: userAccount(conversationId),
    recipient: { ...BOT_ACCOUNT },
    conversation: { id: conversationId },
    channelId: CHANNEL_ID,
    serviceUrl: SERVICE_URL,
    timestamp: now.toISOString(),
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/** The start of a conversation as the bot sees it: the user joined; `lang` from the start request's locale when given. */
export function conversationUpdateActivity(conversationId: string, now: Date, lang?: string): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    membersAdded: [userAccount(conversationId)],
    from: userAccount(conversationId),
    recipient: { ...BOT_ACCOUNT },
    conversation: { id: conversationId },
    channelId: CHANNEL_ID,
    serviceUrl: SERVICE_URL,
    timestamp: now.toISOString(),
    ...(lang ? { locale: lang, channelData: { lang } } : {}),
  };
}

/** Maps a start request's BCP 47 locale (nl-NL, en-GB, en) to a supported language, or undefined. */
export function languageOfLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? base : undefined;
}

/** Direct Line's start body: { user?: { id? }, locale? }; unknown keys are dropped, user ids ignored. */
export const startConversationSchema = z
  .object({
    user: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).strip().optional(),
    locale: localeSchema.optional(),
  })
  .strip();
