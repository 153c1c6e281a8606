// Keeping a conversation for an open case: who may set `keep`, the compare-and-set write, its audit entry and the bus notice.
import type { AppContext } from '../appContext.js';
import { AppError } from '../errors.js';
import { ConversationNotFoundError } from '../handoff/handoffService.js';
import { NotHolderError } from '../handoff/modeMachine.js';
import type { ConversationRecord } from '../storage/store.js';

/** Other writers (signals, summaries, handoff) bump the version too; a stale write is retried this often. */
const MAX_CAS_ATTEMPTS = 8;

/**
 * Who may change `keep`: while a staff member holds the conversation (agent) or reads along (monitor), only that
 * person, as for release and unwatch; when nobody holds it (bot or queued, e.g. after it was handed back) any
 * signed-in staff member, because a case is often recognised after the chat has ended.
 */
export function authorizeKeep(record: Pick<ConversationRecord, 'mode' | 'assignedTo'>, staffName: string): void {
  const held = (record.mode === 'agent' || record.mode === 'monitor') && record.assignedTo !== null;
  if (held && record.assignedTo !== staffName) {
    throw new NotHolderError(`only ${record.assignedTo} holds this conversation and can change whether it is kept`);
  }
}

/**
 * Sets `keep` and answers the record as stored. Setting the value it already has writes nothing.
 * The write moves updatedAt like any change, so after "stop keeping" the transcript lives one more retention
 * window: time to undo a mistaken click, and never less than the window promised for its last activity.
 */
export async function setKeep(ctx: Pick<AppContext, 'store' | 'bus' | 'clock'>, conversationId: string, staffName: string, keep: boolean): Promise<ConversationRecord> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const before = await ctx.store.getConversation(conversationId);
    if (!before) throw new ConversationNotFoundError();
    authorizeKeep(before, staffName);
    if (before.keep === keep) return before;
    const after = await ctx.store.updateConversation(conversationId, before.version, { keep });
    if (!after) continue;
    // The action says the new value; the audit never holds text.
    await ctx.store.appendAudit({ at: ctx.clock().getTime(), actor: staffName, action: keep ? 'keep' : 'unkeep', conversationId });
    await ctx.bus.publish('conversation', conversationId);
    return after;
  }
  throw new AppError('busy', 'the conversation changed too often to apply this; try again', 409);
}
