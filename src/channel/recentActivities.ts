// Keeps the activities this process just appended, already serialised, for a few seconds: streams push them without reading the log back.
import { MemoryBus } from '../storage/memoryBus.js';
import type { Bus, HulpwijzerStore, StoredActivity } from '../storage/store.js';

/** One appended activity as the stream sends it: its seq (the watermark) and its JSON text. */
export interface RecentActivity {
  seq: number;
  json: string;
}

/**
 * Entries live one to two generations. A stream pushes within microseconds of an append, so this only has
 * to bridge that gap; anything older (a reconnect, a replay, another instance's append) comes from the store.
 */
const GENERATION_MS = 2_000;

export class RecentActivities {
  private current = new Map<string, RecentActivity[]>();
  private previous = new Map<string, RecentActivity[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(generationMs = GENERATION_MS) {
    // Rotating two maps drops idle conversations in O(1) per rotation, with no per-entry timers.
    this.timer = setInterval(() => {
      this.previous = this.current;
      this.current = new Map();
    }, generationMs);
    this.timer.unref();
  }

  /** Serialises once (or takes the text the store already made); every socket of the conversation then sends the same text. */
  add(stored: StoredActivity & { json?: string }): void {
    const entry: RecentActivity = { seq: stored.seq, json: stored.json ?? JSON.stringify(stored.activity) };
    const list = this.current.get(stored.conversationId);
    if (list) {
      list.push(entry);
      return;
    }
    // Carry the conversation's previous-generation entries over, so a run of seqs stays in one list.
    const older = this.previous.get(stored.conversationId);
    if (older) this.previous.delete(stored.conversationId);
    this.current.set(stored.conversationId, older ? [...older, entry] : [entry]);
  }

  /**
   * The activities after `afterSeq`, in order, when this process holds every one of them up to the newest it
   * appended; null when the first one needed is not held here (the caller then reads the store).
   */
  after(conversationId: string, afterSeq: number, limit: number): RecentActivity[] | null {
    const list = this.current.get(conversationId) ?? this.previous.get(conversationId);
    if (!list || list.length === 0) return null;
    const first = list[0]!.seq;
    const last = list[list.length - 1]!.seq;
    if (afterSeq >= last) return [];
    if (afterSeq + 1 < first) return null;
    // With one instance the seqs in a list are consecutive; a gap means someone else appended, so the store answers.
    const start = afterSeq + 1 - first;
    const slice = list.slice(start, start + limit);
    if (slice[0]?.seq !== afterSeq + 1 || slice[slice.length - 1]!.seq !== afterSeq + slice.length) return null;
    return slice;
  }

  close(): void {
    clearInterval(this.timer);
    this.current.clear();
    this.previous.clear();
  }
}

const byStore = new WeakMap<HulpwijzerStore, RecentActivities>();

/**
 * The one cache per store, where the writers (activity log) and the readers (streams) meet without new wiring.
 * Other instances' appends never pass through here, so with a bus that reaches them the cache only serves events of
 * this process: readers take an event marked remote from the store (a gap in the seqs sends them there as well).
 * Null for a bus that cannot tell remote events apart.
 */
export function recentActivitiesOf(ctx: { store: HulpwijzerStore; bus: Bus }): RecentActivities | null {
  if (!(ctx.bus instanceof MemoryBus) && ctx.bus.flagsRemote !== true) return null;
  let recent = byStore.get(ctx.store);
  if (!recent) byStore.set(ctx.store, (recent = new RecentActivities()));
  return recent;
}
