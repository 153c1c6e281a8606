// A conversations row as PostgreSQL returns it, and the ConversationRecord it stands for.
import type { ConversationMode, ConversationRecord } from '../store.js';

export interface ConversationRow {
  id: string;
  created_at: number;
  updated_at: number;
  mode: ConversationMode;
  urgent: boolean;
  signals: string;
  waiting_since: number | null;
  assigned_to: string | null;
  summary: string | null;
  keep: boolean;
  version: number;
}

export const CONVERSATION_COLUMNS = 'id, created_at, updated_at, mode, urgent, signals, waiting_since, assigned_to, summary, keep, version';

/** A new record each call: callers may change what they get. */
export function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mode: row.mode,
    urgent: row.urgent,
    signals: JSON.parse(row.signals) as ConversationRecord['signals'],
    waitingSince: row.waiting_since,
    assignedTo: row.assigned_to,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
    keep: row.keep,
    version: row.version,
  };
}
