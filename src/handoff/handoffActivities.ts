// Builds the activities a handoff writes to the conversation's log: Bot Framework handoff events, bot notices and staff messages.
import { EventFactory, type TurnContext, type Activity, type ConversationAccount, type ChannelAccount } from 'botbuilder';
import { firstName } from '../staff/staffName.js';
import { BOT_ACCOUNT, CHANNEL_ID, SERVICE_URL, userAccount } from '../channel/clientActivity.js';

/** Marks who really wrote a message, so the page can show "medewerker" and staff can tell bot and person apart. */
export interface HulpwijzerChannelData {
  sender: 'bot' | 'staff';
  staffName?: string;
}

/** Only the id, as the channel writes it: the other ConversationAccount fields mean nothing here. */
function conversation(conversationId: string): ConversationAccount {
  return { id: conversationId } as ConversationAccount;
}

/** The user, addressed exactly as the channel addresses bot replies (it has no name, on purpose). */
function recipient(conversationId: string): ChannelAccount {
  return userAccount(conversationId) as ChannelAccount;
}

/** Activities go to the log as plain JSON (dates as ISO strings, no undefined fields). */
function toJson(activity: Partial<Activity>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
}

/**
 * handoff.initiate, made with EventFactory so another Bot Framework agent hub could read it.
 * The transcript is left out on purpose: staff read the log itself, and the event must not copy user text.
 */
export function handoffInitiation(conversationId: string, userActivity: Partial<Activity> | null, handoffContext: Record<string, unknown>, now: Date): Record<string, unknown> {
  const activity: Partial<Activity> = {
    ...(userActivity ?? {}),
    type: 'message',
    id: userActivity?.id ?? `${conversationId}|handoff`,
    channelId: CHANNEL_ID,
    conversation: conversation(conversationId),
    from: userActivity?.from ?? { id: 'user', name: '', role: 'user' },
    recipient: { ...BOT_ACCOUNT },
    serviceUrl: SERVICE_URL,
  };
  // EventFactory reads only context.activity; a full TurnContext would need an adapter for no gain.
  const event = EventFactory.createHandoffInitiation({ activity } as unknown as TurnContext, handoffContext);
  event.timestamp = now;
  delete (event as Partial<Activity>).localTimezone; // the server's zone says nothing about the user; keep the log lean
  return toJson(event);
}

/** handoff.status: accepted, completed, failed, watching or watching_ended, with a machine-readable reason. */
export function handoffStatus(conversationId: string, state: string, reason: string, now: Date): Record<string, unknown> {
  const event = EventFactory.createHandoffStatus(conversation(conversationId), state, reason);
  event.timestamp = now;
  event.from = { ...BOT_ACCOUNT };
  event.recipient = recipient(conversationId);
  event.channelId = CHANNEL_ID;
  event.serviceUrl = SERVICE_URL;
  delete (event as Partial<Activity>).localTimezone;
  return toJson(event);
}

export interface SuggestedAction {
  title: string;
  value: string;
}

/** A notice from the bot (queue, join, leave, back); suggested actions become buttons. */
export function botMessage(conversationId: string, text: string, locale: string, now: Date, actions: SuggestedAction[] = []): Record<string, unknown> {
  const channelData: { hulpwijzer: HulpwijzerChannelData } = { hulpwijzer: { sender: 'bot' } };
  return toJson({
    type: 'message',
    channelId: CHANNEL_ID,
    conversation: conversation(conversationId),
    from: { ...BOT_ACCOUNT },
    recipient: recipient(conversationId),
    serviceUrl: SERVICE_URL,
    locale,
    timestamp: now,
    text,
    textFormat: 'plain',
    channelData,
    ...(actions.length > 0
      ? { suggestedActions: { to: [], actions: actions.map((a) => ({ type: 'imBack', title: a.title, value: a.value })) } }
      : {}),
  });
}

/** A message a staff member typed: role 'bot' so Web Chat shows it on the bot's side, but named and marked as a person. */
export function staffMessage(conversationId: string, staffName: string, marker: string, text: string, locale: string, now: Date): Record<string, unknown> {
  const channelData: { hulpwijzer: HulpwijzerChannelData } = { hulpwijzer: { sender: 'staff', staffName: firstName(staffName) } };
  return toJson({
    type: 'message',
    channelId: CHANNEL_ID,
    conversation: conversation(conversationId),
    from: { id: `staff:${staffName}`, name: `${firstName(staffName)} (${marker})`, role: 'bot' },
    recipient: recipient(conversationId),
    serviceUrl: SERVICE_URL,
    locale,
    timestamp: now,
    text,
    textFormat: 'plain',
    channelData,
  });
}
