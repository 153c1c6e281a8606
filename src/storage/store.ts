// The one storage interface every backend (memory, SQLite, PostgreSQL) implements: state, activity log, conversations, staff, audit.
import type { Storage } from 'botbuilder';
import type { SignalId } from '../ids.js';

export const CONVERSATION_MODES = ['bot', 'queued', 'agent', 'monitor'] as const;
export type ConversationMode = (typeof CONVERSATION_MODES)[number];

/** What staff and the router know about a conversation; never contains user text. */
export interface ConversationRecord {
  id: string;
  createdAt: number; // ms since epoch
  updatedAt: number; // ms since epoch; retention counts from here
  mode: ConversationMode;
  urgent: boolean;
  signals: SignalId[];
  waitingSince: number | null; // ms since epoch, set while queued
  assignedTo: string | null; // staff account name holding (agent) or watching (monitor) it
  summary: Record<string, unknown> | null; // assessment summary for the staff queue (levels, group, flags, role)
  keep: boolean; // a staff member keeps it for an open case: retention skips it
  version: number; // increases on every update; compare-and-set key
}

export type ConversationPatch = Partial<Omit<ConversationRecord, 'id' | 'createdAt' | 'version'>>;

/** One entry of the append-only activity log; seq is the Direct Line watermark (1, 2, 3, ... per conversation). */
export interface StoredActivity {
  conversationId: string;
  seq: number;
  createdAt: number;
  activity: Record<string, unknown>; // the Bot Framework activity as JSON, with id `${conversationId}|${seq}`
}

/** What appendActivity returns: the stored activity and the conversation's mode when it was appended. */
export interface AppendedActivity extends StoredActivity {
  mode: ConversationMode;
  /** The activity exactly as the log keeps it, when the store serialised it anyway: streams send this text as is. */
  json?: string;
}

export interface StaffAccount {
  name: string;
  passwordHash: string;
  createdAt: number;
}

export interface StaffSession {
  id: string; // store a hash of the cookie value, never the raw value
  staffName: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export type PresenceStatus = 'online' | 'away' | 'offline';
export interface Presence {
  staffName: string;
  status: PresenceStatus;
  updatedAt: number;
}

/** Who did what and when; never message text. */
export interface AuditEntry {
  at: number;
  actor: string; // staff name, or 'system'
  action: string; // sign_in, sign_in_failed, sign_out, claim, message, release, close, note, keep, unkeep
  conversationId: string | null;
}

export interface StaffNote {
  conversationId: string;
  staffName: string;
  text: string;
  at: number;
}

export interface RetentionResult {
  conversations: number;
  activities: number;
  states: number;
  notes: number;
  sessions: number;
}

/** What a turn under runExclusive will do first. */
export interface ExclusiveHint {
  /**
   * fn's first store call is stageActivity(conversationId, activity, ...) with this very object: PostgreSQL appends it
   * in the round trip that takes the lock (at the time now() says then) and hands that result to the call.
   */
  stage?: { activity: Record<string, unknown>; now: () => number };
}

export interface HulpwijzerStore {
  /** botbuilder Storage with real eTag compare-and-set (write with a stale eTag throws). */
  readonly state: Storage;

  createConversation(id: string, now: number): Promise<ConversationRecord>;
  getConversation(id: string): Promise<ConversationRecord | null>;
  /** Compare-and-set: applies the patch only if version still equals expectedVersion; null when someone else won. */
  updateConversation(id: string, expectedVersion: number, patch: ConversationPatch): Promise<ConversationRecord | null>;
  listConversations(options?: { modes?: ConversationMode[]; limit?: number }): Promise<ConversationRecord[]>;

  /**
   * Appends atomically; the store assigns seq (= watermark) and the activity id. Also says the conversation's mode
   * as of the append, so the router needs no second read to know who answers.
   */
  appendActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity>;
  /**
   * Appends like appendActivity but may resolve before the activity is durable (SQLite's group commit): the caller
   * shows it to nobody until durable() resolves. Lets a whole turn run without waiting and share one commit.
   */
  stageActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity>;
  /**
   * Resolves once every write made so far is durable (with a conversation id, it may wait only for that
   * conversation's); rejects if committing them failed.
   */
  durable(conversationId?: string): Promise<void>;
  /** Activities with seq > afterSeq, ascending. */
  listActivities(conversationId: string, afterSeq: number, limit?: number): Promise<StoredActivity[]>;

  /**
   * Runs fn while holding this conversation's lock (in process, or across instances in PostgreSQL). A hint says
   * what fn will do first, so a backend may do it together with taking the lock; backends may ignore it.
   */
  runExclusive<T>(conversationId: string, fn: () => Promise<T>, hint?: ExclusiveHint): Promise<T>;

  createStaff(account: StaffAccount): Promise<void>; // throws AppError 'staff_exists' (409) if the name is taken
  getStaff(name: string): Promise<StaffAccount | null>;
  createSession(session: StaffSession): Promise<void>;
  getSession(id: string): Promise<StaffSession | null>;
  deleteSession(id: string): Promise<void>;
  setPresence(presence: Presence): Promise<void>;
  listPresence(): Promise<Presence[]>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
  addNote(note: StaffNote): Promise<void>;
  listNotes(conversationId: string): Promise<StaffNote[]>;

  /** A named secret shared by all instances (e.g. the token signing key); created at random on first use. */
  getOrCreateSecret(name: string): Promise<string>;

  /**
   * Really deletes conversations (with their activities, bot state and notes) not updated since cutoff and not kept;
   * bot state of conversations that no longer exist once it is older than cutoff; sessions expired at `now`
   * (default: the store's clock).
   */
  deleteOlderThan(cutoff: number, now?: number): Promise<RetentionResult>;

  /** True when the backend answers (health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Topics on the bus; payloads are ids only, readers fetch the rows. */
export type BusTopic = 'activity' | 'conversation' | 'presence';

export interface Bus {
  /** Reaches this instance's subscribers at once; resolves once they have it (other instances may hear it a moment later). */
  publish(topic: BusTopic, id: string): Promise<void>;
  /** `remote` is true when another instance published the event (only on a bus with flagsRemote). */
  subscribe(topic: BusTopic, handler: (id: string, remote?: boolean) => void): () => void;
  /**
   * True when events from other instances arrive with remote = true, so a subscriber can tell what passed through
   * this process (and may be served from its memory) from what only the store holds.
   */
  readonly flagsRemote?: boolean;
  close(): Promise<void>;
}
