// HulpwijzerStore kept in process memory (tests, the terminal chat): same semantics as SQLite, nothing survives a restart.
import { randomBytes } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { KeyedLock } from '../keyedLock.js';
import { conversationIdOfStateKey } from './stateKeys.js';
import { ConversationExistsError, ConversationNotFoundError, ETagConflictError, StaffExistsError } from './storeErrors.js';
import type {
  AuditEntry,
  ConversationMode,
  ConversationPatch,
  ConversationRecord,
  HulpwijzerStore,
  Presence,
  RetentionResult,
  StaffAccount,
  StaffNote,
  StaffSession,
  StoredActivity,
  AppendedActivity,
} from './store.js';

export interface StoreOptions {
  /** Clock in ms since epoch for times the store stamps itself (state rows, expired sessions). */
  now?: () => number;
}

interface StateRow {
  json: string;
  eTag: string;
  conversationId: string | null;
  updatedAt: number;
}

/** Deep copy so callers can never mutate what the store holds (the database backends behave the same way). */
const clone = <T>(value: T): T => structuredClone(value);

// Unique per write is all an eTag needs: a random per-process prefix (several processes may share a file) and a counter,
// instead of reading the system's random source on every state save.
const ETAG_PREFIX = randomBytes(9).toString('base64url');
let eTagCounter = 0;

export function newETag(): string {
  return `${ETAG_PREFIX}${(++eTagCounter).toString(36)}`;
}

export class MemoryStore implements HulpwijzerStore {
  private readonly now: () => number;
  private readonly lock = new KeyedLock();
  private readonly states = new Map<string, StateRow>();
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly activities = new Map<string, StoredActivity[]>();
  private readonly staff = new Map<string, StaffAccount>();
  private readonly sessions = new Map<string, StaffSession>();
  private readonly presence = new Map<string, Presence>();
  private readonly audit: AuditEntry[] = [];
  private readonly notes: StaffNote[] = [];
  private readonly secrets = new Map<string, string>();
  private closed = false;

  constructor(options: StoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  readonly state = {
    read: async (keys: string[]): Promise<StoreItems> => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.states.get(key);
        if (row) items[key] = { ...JSON.parse(row.json), eTag: row.eTag };
      }
      return items;
    },
    write: async (changes: StoreItems): Promise<void> => {
      const entries = Object.entries(changes);
      // Check every key first so a conflict leaves nothing half written (like the SQLite transaction).
      for (const [key, item] of entries) {
        const old = this.states.get(key);
        const eTag = (item as { eTag?: string } | undefined)?.eTag;
        if (old && eTag && eTag !== '*' && eTag !== old.eTag) throw new ETagConflictError(key);
      }
      const updatedAt = this.now();
      for (const [key, item] of entries) {
        const { eTag: _ignored, ...data } = (item ?? {}) as Record<string, unknown>;
        this.states.set(key, { json: JSON.stringify(data), eTag: newETag(), conversationId: conversationIdOfStateKey(key), updatedAt });
      }
    },
    delete: async (keys: string[]): Promise<void> => {
      for (const key of keys) this.states.delete(key);
    },
  };

  async createConversation(id: string, now: number): Promise<ConversationRecord> {
    if (this.conversations.has(id)) throw new ConversationExistsError();
    const record: ConversationRecord = {
      id,
      createdAt: now,
      updatedAt: now,
      mode: 'bot',
      urgent: false,
      signals: [],
      waitingSince: null,
      assignedTo: null,
      summary: null,
      keep: false,
      version: 1,
    };
    this.conversations.set(id, record);
    this.activities.set(id, []);
    return clone(record);
  }

  async getConversation(id: string): Promise<ConversationRecord | null> {
    const record = this.conversations.get(id);
    return record ? clone(record) : null;
  }

  async updateConversation(id: string, expectedVersion: number, patch: ConversationPatch): Promise<ConversationRecord | null> {
    const current = this.conversations.get(id);
    if (!current || current.version !== expectedVersion) return null;
    const next: ConversationRecord = {
      ...current,
      ...clone(patch),
      id: current.id,
      createdAt: current.createdAt,
      updatedAt: patch.updatedAt ?? Math.max(current.updatedAt, this.now()),
      version: current.version + 1,
    };
    this.conversations.set(id, next);
    return clone(next);
  }

  async listConversations(options: { modes?: ConversationMode[]; limit?: number } = {}): Promise<ConversationRecord[]> {
    const modes = options.modes ? new Set(options.modes) : null;
    const all = [...this.conversations.values()]
      .filter((c) => !modes || modes.has(c.mode))
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return clone(options.limit === undefined ? all : all.slice(0, options.limit));
  }

  async appendActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity> {
    const conversation = this.conversations.get(conversationId);
    const log = this.activities.get(conversationId);
    if (!conversation || !log) throw new ConversationNotFoundError();
    const seq = log.length === 0 ? 1 : log[log.length - 1]!.seq + 1;
    const stored: StoredActivity = { conversationId, seq, createdAt: now, activity: { ...clone(activity), id: `${conversationId}|${seq}` } };
    log.push(stored);
    // Activity keeps the conversation alive for retention without changing its version (no spurious CAS failures).
    conversation.updatedAt = Math.max(conversation.updatedAt, now);
    return { ...clone(stored), mode: conversation.mode };
  }

  /** Memory writes are as durable as they get at once. */
  stageActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity> {
    return this.appendActivity(conversationId, activity, now);
  }

  durable(): Promise<void> {
    return Promise.resolve();
  }

  async listActivities(conversationId: string, afterSeq: number, limit?: number): Promise<StoredActivity[]> {
    const log = this.activities.get(conversationId) ?? [];
    const after = log.filter((a) => a.seq > afterSeq);
    return clone(limit === undefined ? after : after.slice(0, limit));
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.lock.run(conversationId, fn);
  }

  async createStaff(account: StaffAccount): Promise<void> {
    if (this.staff.has(account.name)) throw new StaffExistsError(account.name);
    this.staff.set(account.name, clone(account));
  }

  async getStaff(name: string): Promise<StaffAccount | null> {
    const account = this.staff.get(name);
    return account ? clone(account) : null;
  }

  async createSession(session: StaffSession): Promise<void> {
    this.sessions.set(session.id, clone(session));
  }

  async getSession(id: string): Promise<StaffSession | null> {
    const session = this.sessions.get(id);
    return session ? clone(session) : null;
  }

  async deleteSession(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async setPresence(presence: Presence): Promise<void> {
    this.presence.set(presence.staffName, clone(presence));
  }

  async listPresence(): Promise<Presence[]> {
    return clone([...this.presence.values()].sort((a, b) => a.staffName.localeCompare(b.staffName)));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.push(clone(entry));
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    // Newest first, like the SQLite backend (insertion order breaks ties in `at`).
    return clone(this.audit.slice().reverse().slice(0, limit));
  }

  async addNote(note: StaffNote): Promise<void> {
    this.notes.push(clone(note));
  }

  async listNotes(conversationId: string): Promise<StaffNote[]> {
    return clone(this.notes.filter((n) => n.conversationId === conversationId));
  }

  async getOrCreateSecret(name: string): Promise<string> {
    let value = this.secrets.get(name);
    if (!value) {
      value = randomBytes(32).toString('base64url');
      this.secrets.set(name, value);
    }
    return value;
  }

  async deleteOlderThan(cutoff: number, now: number = this.now()): Promise<RetentionResult> {
    const result: RetentionResult = { conversations: 0, activities: 0, states: 0, notes: 0, sessions: 0 };
    const doomed = new Set<string>();
    for (const record of this.conversations.values()) {
      if (record.updatedAt < cutoff && !record.keep) doomed.add(record.id);
    }
    for (const id of doomed) {
      this.conversations.delete(id);
      result.activities += this.activities.get(id)?.length ?? 0;
      this.activities.delete(id);
      result.conversations++;
    }
    for (const [key, row] of this.states) {
      if (row.conversationId === null) continue;
      const orphanedAndOld = !this.conversations.has(row.conversationId) && row.updatedAt < cutoff;
      if (doomed.has(row.conversationId) || orphanedAndOld) {
        this.states.delete(key);
        result.states++;
      }
    }
    for (let i = this.notes.length - 1; i >= 0; i--) {
      if (doomed.has(this.notes[i]!.conversationId)) {
        this.notes.splice(i, 1);
        result.notes++;
      }
    }
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now) {
        this.sessions.delete(id);
        result.sessions++;
      }
    }
    return result;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function openMemoryStore(options: StoreOptions = {}): MemoryStore {
  return new MemoryStore(options);
}
