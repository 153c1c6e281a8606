// What the staff API shows: the queue in urgency order and a transcript made from the activity log.
import type { ConversationRecord, StoredActivity } from '../storage/store.js';

export interface QueueItem {
  id: string;
  mode: ConversationRecord['mode'];
  urgent: boolean;
  signals: string[];
  waitingSince?: string;
  assignedTo?: string;
  summary: Record<string, unknown> | null;
  /** Kept for an open case: retention does not delete it. */
  keep: boolean;
  updatedAt: string;
}

/** Urgent first; then waiting longest (queued) first; then the conversations that moved most recently. */
export function compareQueue(a: ConversationRecord, b: ConversationRecord): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if ((a.waitingSince === null) !== (b.waitingSince === null)) return a.waitingSince !== null ? -1 : 1;
  if (a.waitingSince !== null && b.waitingSince !== null && a.waitingSince !== b.waitingSince) return a.waitingSince - b.waitingSince;
  return b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
}

export function queueItem(record: ConversationRecord): QueueItem {
  return {
    id: record.id,
    mode: record.mode,
    urgent: record.urgent,
    signals: record.signals,
    ...(record.waitingSince !== null ? { waitingSince: new Date(record.waitingSince).toISOString() } : {}),
    ...(record.assignedTo !== null ? { assignedTo: record.assignedTo } : {}),
    summary: record.summary,
    keep: record.keep,
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

export function queueView(records: ConversationRecord[]): QueueItem[] {
  return [...records].sort(compareQueue).map(queueItem);
}

export interface TranscriptEntry {
  seq: number;
  at: string;
  kind: 'message' | 'event';
  sender: 'user' | 'bot' | 'staff';
  name?: string;
  text?: string;
  event?: string;
  state?: string;
}

/** Messages and handoff events only; typing indicators and the like are noise for a reader. */
export function transcriptEntry(stored: StoredActivity): TranscriptEntry | null {
  const a = stored.activity as {
    type?: string;
    text?: string;
    name?: string;
    value?: unknown;
    from?: { id?: string; name?: string; role?: string };
    channelData?: { hulpwijzer?: { sender?: string } };
  };
  const sender = a.channelData?.hulpwijzer?.sender === 'staff' || a.from?.id?.startsWith('staff:') ? 'staff' : a.from?.role === 'user' ? 'user' : 'bot';
  const base = { seq: stored.seq, at: new Date(stored.createdAt).toISOString(), sender } as const;
  if (a.type === 'message') return { ...base, kind: 'message', ...(a.from?.name && sender === 'staff' ? { name: a.from.name } : {}), text: a.text ?? '' };
  if (a.type === 'event' && typeof a.name === 'string' && a.name.startsWith('handoff.')) {
    const value = (a.value ?? {}) as { state?: unknown };
    return { ...base, kind: 'event', event: a.name, ...(typeof value.state === 'string' ? { state: value.state } : {}) };
  }
  return null;
}

export function transcriptView(activities: StoredActivity[]): TranscriptEntry[] {
  return activities.map(transcriptEntry).filter((e): e is TranscriptEntry => e !== null);
}
