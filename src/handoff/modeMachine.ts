// The conversation mode state machine (bot | queued | agent | monitor): which event moves which mode where, and who may fire it.
import { AppError } from '../errors.js';
import type { ConversationMode, ConversationPatch, ConversationRecord } from '../storage/store.js';

/**
 * Events that change who answers the user.
 * request: the user asked for a person (or agreed to the bot's offer); watch/unwatch: staff read along;
 * claim: staff take over; release: staff hand back; cancel: the user stops waiting;
 * timeout: waited past QUEUE_WAIT_LIMIT_SECONDS; no_staff: the last staff member left while queued;
 * close: staff end the conversation (the bot answers again after a closing message).
 */
export const HANDOFF_EVENTS = ['request', 'watch', 'unwatch', 'claim', 'release', 'cancel', 'timeout', 'no_staff', 'close'] as const;
export type HandoffEvent = (typeof HANDOFF_EVENTS)[number];

/** The whole transition table; a pair that is missing is forbidden. */
export const TRANSITIONS: Readonly<Record<HandoffEvent, Partial<Record<ConversationMode, ConversationMode>>>> = {
  request: { bot: 'queued' },
  watch: { bot: 'monitor' },
  unwatch: { monitor: 'bot' },
  claim: { queued: 'agent', monitor: 'agent' },
  release: { agent: 'bot' },
  cancel: { queued: 'bot' },
  timeout: { queued: 'bot' },
  no_staff: { queued: 'bot' },
  close: { bot: 'bot', queued: 'bot', agent: 'bot', monitor: 'bot' },
};

/** Another party changed the conversation first (a claim lost the race, or the mode no longer allows this). */
export class HandoffConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(code, message, 409);
  }
}

/** The staff member is signed in but does not hold this conversation. */
export class NotHolderError extends AppError {
  constructor(message: string) {
    super('not_holder', message, 403);
  }
}

export function canTransition(mode: ConversationMode, event: HandoffEvent): boolean {
  return TRANSITIONS[event][mode] !== undefined;
}

/** The next mode, or HandoffConflictError naming the current mode (the state may have moved under the caller). */
export function nextMode(record: Pick<ConversationRecord, 'mode' | 'assignedTo'>, event: HandoffEvent): ConversationMode {
  const next = TRANSITIONS[event][record.mode];
  if (next !== undefined) return next;
  if (event === 'claim' && record.mode === 'agent') {
    throw new HandoffConflictError(`conversation already taken over by ${record.assignedTo ?? 'another staff member'}`, 'already_claimed');
  }
  throw new HandoffConflictError(`conversation is in mode '${record.mode}'; '${event}' is not possible now`, 'invalid_transition');
}

/**
 * Who may fire the event. actor is a staff name, or null for the user and the system.
 * Only the holder of an agent conversation may hand it back or close it; only the watcher stops watching.
 */
export function authorize(record: Pick<ConversationRecord, 'mode' | 'assignedTo'>, event: HandoffEvent, actor: string | null): void {
  const staffOnly: HandoffEvent[] = ['watch', 'unwatch', 'claim', 'release', 'close'];
  if (staffOnly.includes(event) && actor === null) throw new NotHolderError(`'${event}' is done by a staff member`);
  const holderOnly = event === 'release' || event === 'unwatch' || (event === 'close' && record.mode === 'agent');
  if (holderOnly && record.assignedTo !== actor) {
    throw new NotHolderError(`only ${record.assignedTo ?? 'the staff member who holds it'} can do this`);
  }
}

/** The record patch that a permitted transition writes (applied with compare-and-set by the caller). */
export function transitionPatch(record: ConversationRecord, event: HandoffEvent, actor: string | null, now: number): ConversationPatch {
  const mode = nextMode(record, event);
  authorize(record, event, actor);
  const base = { mode, updatedAt: now };
  switch (event) {
    case 'request':
      return { ...base, waitingSince: now, assignedTo: null };
    case 'watch':
    case 'claim':
      return { ...base, waitingSince: null, assignedTo: actor };
    default:
      return { ...base, waitingSince: null, assignedTo: null };
  }
}
