// HulpwijzerStore on an embedded SQLite file (better-sqlite3, WAL): the default backend for one server instance.
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
import { KeyedLock } from '../keyedLock.js';
import { newETag, type StoreOptions } from './memory.js';
import { MIGRATIONS } from './migrations/index.js';
import { conversationIdOfStateKey } from './stateKeys.js';
import { attachReadText, takeWriteText } from './stateText.js';
import { ConversationExistsError, ConversationNotFoundError, ETagConflictError, StaffExistsError } from './storeErrors.js';
import type {
  AuditEntry,
  ConversationMode,
  ConversationPatch,
  ConversationRecord,
  HulpwijzerStore,
  Presence,
  PresenceStatus,
  RetentionResult,
  StaffAccount,
  StaffNote,
  StaffSession,
  StoredActivity,
  AppendedActivity,
} from './store.js';
import type { SignalId } from '../ids.js';

export const SQLITE_FILE_NAME = 'hulpwijzer.sqlite';

/** How often the background connection folds the write-ahead log back into the database file. */
const CHECKPOINT_EVERY_MS = 250;
/**
 * The main connection checkpoints by itself only when the WAL passes this many pages (about 64 MB). Under steady
 * writes that is the normal case, not a rare one: a PASSIVE checkpoint never finds the log fully copied, so the log
 * only starts over after this checkpoint, whose two fsyncs stall every request for 30-70 ms (measured; at 500 turns/s
 * every few seconds). A RESTART checkpoint in the background connection stalls the writer as long (busy waits).
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

/**
 * Runs in a worker thread with its own connection. With WAL and synchronous=NORMAL a commit never waits for the
 * disk; only checkpoints fsync. On the main thread an fsync on a slow disk stalls every request for milliseconds,
 * so the checkpoints happen here (PASSIVE: they never block the writer).
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

function startCheckpointer(file: string): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER_SOURCE, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  // A failed checkpointer only means the main connection's fallback checkpoints take over.
  worker.on('error', () => undefined);
  return worker;
}

interface ConversationRow {
  id: string;
  created_at: number;
  updated_at: number;
  mode: ConversationMode;
  urgent: number;
  signals: string;
  waiting_since: number | null;
  assigned_to: string | null;
  summary: string | null;
  keep: number;
  version: number;
}

function toRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mode: row.mode,
    urgent: row.urgent === 1,
    signals: JSON.parse(row.signals) as SignalId[],
    waitingSince: row.waiting_since,
    assignedTo: row.assigned_to,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
    keep: row.keep === 1,
    version: row.version,
  };
}

/** Applies every migration newer than the file's schema_version, each in its own transaction. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version').get() as { v: number }).v;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    }).immediate();
  }
  return (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v;
}

/** What the bot_state table keeps of an item: everything but its eTag, as JSON. */
function stateJson(item: Record<string, unknown>): string {
  const { eTag: _eTag, ...data } = item;
  return JSON.stringify(data);
}

/** A transaction shared by the writes made in one run of promise jobs, e.g. one whole bot turn (see SqliteStore.write). */
interface OpenBatch {
  committed: Promise<void>;
  settle(error?: unknown): void;
  /** Per conversation, the first seq appended in this batch: reads stop before it until the commit. */
  uncommittedFrom: Map<string, number>;
}

export class SqliteStore implements HulpwijzerStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly lock = new KeyedLock();
  private readonly stmt;
  private readonly tx;
  private readonly checkpointer: Worker | null;
  private readonly checkpointerExited: Promise<void>;
  /** The open group commit, if any: every write of this turn of the event loop is in it. */
  private batch: OpenBatch | null = null;

  constructor(file: string, options: StoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes, fast commits
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    const onDisk = !this.db.memory && file !== '';
    if (onDisk) this.db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    this.checkpointer = onDisk ? startCheckpointer(file) : null;
    const worker = this.checkpointer;
    this.checkpointerExited = worker ? new Promise<void>((resolve) => worker.once('exit', () => resolve())) : Promise.resolve();
    const db = this.db;
    this.stmt = {
      stateGet: db.prepare<[string], { data: string; etag: string }>('SELECT data, etag FROM bot_state WHERE key = ?'),
      stateEtag: db.prepare<[string], { etag: string }>('SELECT etag FROM bot_state WHERE key = ?'),
      // conversation_id follows from the key, so an update leaves it (and its index page) alone.
      stateUpsert: db.prepare(
        `INSERT INTO bot_state (key, conversation_id, etag, data, updated_at) VALUES (@key, @conversationId, @etag, @data, @updatedAt)
         ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at`,
      ),
      stateDelete: db.prepare('DELETE FROM bot_state WHERE key = ?'),
      convInsert: db.prepare(
        `INSERT INTO conversations (id, created_at, updated_at, mode, urgent, signals, waiting_since, assigned_to, summary, keep, version, last_seq)
         VALUES (@id, @createdAt, @updatedAt, 'bot', 0, '[]', NULL, NULL, NULL, 0, 1, 0) ON CONFLICT (id) DO NOTHING`,
      ),
      convGet: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
      convUpdate: db.prepare(
        `UPDATE conversations SET updated_at = @updatedAt, mode = @mode, urgent = @urgent, signals = @signals, waiting_since = @waitingSince,
           assigned_to = @assignedTo, summary = @summary, keep = @keep, version = version + 1
         WHERE id = @id AND version = @expectedVersion`,
      ),
      seqNext: db.prepare<[number, string], { last_seq: number; mode: ConversationMode }>(
        'UPDATE conversations SET last_seq = last_seq + 1, updated_at = MAX(updated_at, ?) WHERE id = ? RETURNING last_seq, mode',
      ),
      activityInsert: db.prepare('INSERT INTO activities (conversation_id, seq, created_at, body) VALUES (?, ?, ?, ?)'),
      activitiesAfter: db.prepare<[string, number, number], { seq: number; created_at: number; body: string }>(
        'SELECT seq, created_at, body FROM activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      activitiesBetween: db.prepare<[string, number, number, number], { seq: number; created_at: number; body: string }>(
        'SELECT seq, created_at, body FROM activities WHERE conversation_id = ? AND seq > ? AND seq < ? ORDER BY seq LIMIT ?',
      ),
      staffInsert: db.prepare('INSERT INTO staff (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING'),
      staffGet: db.prepare<[string], { name: string; password_hash: string; created_at: number }>('SELECT * FROM staff WHERE name = ?'),
      sessionInsert: db.prepare(
        'INSERT OR REPLACE INTO staff_sessions (id, staff_name, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      sessionGet: db.prepare<[string], { id: string; staff_name: string; csrf_token: string; created_at: number; expires_at: number }>(
        'SELECT * FROM staff_sessions WHERE id = ?',
      ),
      sessionDelete: db.prepare('DELETE FROM staff_sessions WHERE id = ?'),
      presenceUpsert: db.prepare(
        `INSERT INTO presence (staff_name, status, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (staff_name) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
      ),
      presenceList: db.prepare<[], { staff_name: string; status: PresenceStatus; updated_at: number }>(
        'SELECT * FROM presence ORDER BY staff_name',
      ),
      auditInsert: db.prepare('INSERT INTO audit (at, actor, action, conversation_id) VALUES (?, ?, ?, ?)'),
      auditList: db.prepare<[number], { at: number; actor: string; action: string; conversation_id: string | null }>(
        'SELECT at, actor, action, conversation_id FROM audit ORDER BY id DESC LIMIT ?',
      ),
      noteInsert: db.prepare('INSERT INTO notes (conversation_id, staff_name, text, at) VALUES (?, ?, ?, ?)'),
      noteList: db.prepare<[string], { conversation_id: string; staff_name: string; text: string; at: number }>(
        'SELECT * FROM notes WHERE conversation_id = ? ORDER BY id',
      ),
      secretInsert: db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
      secretGet: db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE name = ?'),
      // The group commit's own statements, compiled once: db.exec would parse them again for every batch.
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
    const stmt = this.stmt;
    // Built once: db.transaction() compiles a wrapper each time it is called, which the hot path cannot afford.
    this.tx = {
      // One transaction for all keys: a conflict on any key writes none (botbuilder saves several scopes at once).
      stateWrite: db.transaction((changes: StoreItems, updatedAt: number) => {
        for (const key of Object.keys(changes)) {
          const item = (changes[key] ?? {}) as Record<string, unknown>;
          const eTag = item.eTag;
          if (typeof eTag === 'string' && eTag !== '*') {
            const current = stmt.stateEtag.get(key);
            if (current && current.etag !== eTag) throw new ETagConflictError(key);
          }
          // The bot's state cache has just serialised this item for its change check: the same text, not made again.
          const data = takeWriteText(item) ?? stateJson(item);
          stmt.stateUpsert.run({ key, conversationId: conversationIdOfStateKey(key), etag: newETag(), data, updatedAt });
        }
      }),
      append: db.transaction((conversationId: string, activity: Record<string, unknown>, now: number): AppendedActivity => {
        const row = stmt.seqNext.get(now, conversationId);
        if (!row) throw new ConversationNotFoundError();
        const seq = row.last_seq;
        const body = { ...activity, id: `${conversationId}|${seq}` };
        const json = JSON.stringify(body);
        stmt.activityInsert.run(conversationId, seq, now, json);
        return { conversationId, seq, createdAt: now, activity: body, mode: row.mode, json };
      }),
    };
  }

  /**
   * Group commit: writes made in one run of promise jobs share one transaction, committed in process.nextTick, i.e.
   * as soon as that run is over. A bot turn never waits for I/O (SQLite is synchronous), so the user's message, the
   * replies and the state of a turn share one commit instead of one each; committing before the next I/O callback
   * (not in setImmediate) keeps other requests' work out of this turn's latency. Each write runs
   * at once (inside a savepoint when it is a transaction of its own, so a failed write undoes only itself) and
   * its promise settles only after the commit, so nothing is acknowledged before it is durable.
   */
  private write<T>(op: () => T): Promise<T> {
    let result: T;
    try {
      result = this.writeNow(op);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.batch!.committed.then(() => result);
  }

  /** Runs a write inside the open batch (opening one if needed) and returns before the commit. */
  private writeNow<T>(op: () => T): T {
    if (!this.batch) this.openBatch();
    return op();
  }

  durable(): Promise<void> {
    return this.batch?.committed ?? Promise.resolve();
  }

  private openBatch(): OpenBatch {
    // IMMEDIATE takes the write lock up front, so two processes on one file can never read the same last_seq.
    this.stmt.begin.run();
    let settle!: (error?: unknown) => void;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    committed.catch(() => undefined); // each write's own promise carries the failure
    const batch: OpenBatch = { committed, settle, uncommittedFrom: new Map() };
    this.batch = batch;
    process.nextTick(() => this.commitBatch(batch));
    return batch;
  }

  private commitBatch(batch: OpenBatch): void {
    if (this.batch !== batch) return;
    this.batch = null;
    try {
      this.stmt.commit.run();
      batch.settle();
    } catch (error) {
      try {
        if (this.db.inTransaction) this.stmt.rollback.run();
      } catch {
        // the connection is gone; the writes are lost either way and every waiter hears so
      }
      batch.settle(error);
    }
  }

  readonly state = {
    read: async (keys: string[]): Promise<StoreItems> => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.stmt.stateGet.get(key);
        if (!row) continue;
        const item = { ...JSON.parse(row.data), eTag: row.etag };
        // The stored text is the item without its eTag, serialised: the bot's change check starts from it.
        attachReadText(item, row.data);
        items[key] = item;
      }
      return items;
    },
    write: (changes: StoreItems): Promise<void> => this.write(() => this.tx.stateWrite(changes, this.now())),
    delete: (keys: string[]): Promise<void> =>
      this.write(() =>
        this.db.transaction(() => {
          for (const key of keys) this.stmt.stateDelete.run(key);
        })(),
      ),
  };

  createConversation(id: string, now: number): Promise<ConversationRecord> {
    return this.write(() => {
      const info = this.stmt.convInsert.run({ id, createdAt: now, updatedAt: now });
      if (info.changes === 0) throw new ConversationExistsError();
      return toRecord(this.stmt.convGet.get(id)!);
    });
  }

  async getConversation(id: string): Promise<ConversationRecord | null> {
    const row = this.stmt.convGet.get(id);
    return row ? toRecord(row) : null;
  }

  updateConversation(id: string, expectedVersion: number, patch: ConversationPatch): Promise<ConversationRecord | null> {
    return this.write(() =>
      this.db.transaction(() => {
        const row = this.stmt.convGet.get(id);
        if (!row || row.version !== expectedVersion) return null;
        const current = toRecord(row);
        const next = { ...current, ...patch };
        const info = this.stmt.convUpdate.run({
          id,
          expectedVersion,
          updatedAt: patch.updatedAt ?? Math.max(current.updatedAt, this.now()),
          mode: next.mode,
          urgent: next.urgent ? 1 : 0,
          signals: JSON.stringify(next.signals),
          waitingSince: next.waitingSince,
          assignedTo: next.assignedTo,
          summary: next.summary === null ? null : JSON.stringify(next.summary),
          keep: next.keep ? 1 : 0,
        });
        if (info.changes === 0) return null;
        return toRecord(this.stmt.convGet.get(id)!);
      })(),
    );
  }

  async listConversations(options: { modes?: ConversationMode[]; limit?: number } = {}): Promise<ConversationRecord[]> {
    const where = options.modes ? `WHERE mode IN (${options.modes.map(() => '?').join(', ') || "''"})` : '';
    const limit = options.limit === undefined ? -1 : options.limit;
    const rows = this.db
      .prepare<unknown[], ConversationRow>(`SELECT * FROM conversations ${where} ORDER BY created_at, id LIMIT ?`)
      .all(...(options.modes ?? []), limit);
    return rows.map(toRecord);
  }

  appendActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity> {
    return this.write(() => this.appendInBatch(conversationId, activity, now));
  }

  stageActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity> {
    try {
      return Promise.resolve(this.writeNow(() => this.appendInBatch(conversationId, activity, now)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private appendInBatch(conversationId: string, activity: Record<string, unknown>, now: number): AppendedActivity {
    const stored = this.tx.append(conversationId, activity, now);
    const uncommitted = this.batch!.uncommittedFrom;
    if (!uncommitted.has(conversationId)) uncommitted.set(conversationId, stored.seq);
    return stored;
  }

  async listActivities(conversationId: string, afterSeq: number, limit?: number): Promise<StoredActivity[]> {
    // An activity not yet committed may still be lost: no stream or poll may see it before it is durable.
    const firstUncommitted = this.batch?.uncommittedFrom.get(conversationId);
    const rows =
      firstUncommitted === undefined
        ? this.stmt.activitiesAfter.all(conversationId, afterSeq, limit ?? -1)
        : this.stmt.activitiesBetween.all(conversationId, afterSeq, firstUncommitted, limit ?? -1);
    return rows.map((r) => ({ conversationId, seq: r.seq, createdAt: r.created_at, activity: JSON.parse(r.body) as Record<string, unknown> }));
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.lock.run(conversationId, fn);
  }

  createStaff(account: StaffAccount): Promise<void> {
    return this.write(() => {
      const info = this.stmt.staffInsert.run(account.name, account.passwordHash, account.createdAt);
      if (info.changes === 0) throw new StaffExistsError(account.name);
    });
  }

  async getStaff(name: string): Promise<StaffAccount | null> {
    const row = this.stmt.staffGet.get(name);
    return row ? { name: row.name, passwordHash: row.password_hash, createdAt: row.created_at } : null;
  }

  createSession(session: StaffSession): Promise<void> {
    return this.write(() => void this.stmt.sessionInsert.run(session.id, session.staffName, session.csrfToken, session.createdAt, session.expiresAt));
  }

  async getSession(id: string): Promise<StaffSession | null> {
    const row = this.stmt.sessionGet.get(id);
    return row
      ? { id: row.id, staffName: row.staff_name, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at }
      : null;
  }

  deleteSession(id: string): Promise<void> {
    return this.write(() => void this.stmt.sessionDelete.run(id));
  }

  setPresence(presence: Presence): Promise<void> {
    return this.write(() => void this.stmt.presenceUpsert.run(presence.staffName, presence.status, presence.updatedAt));
  }

  async listPresence(): Promise<Presence[]> {
    return this.stmt.presenceList.all().map((r) => ({ staffName: r.staff_name, status: r.status, updatedAt: r.updated_at }));
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.write(() => void this.stmt.auditInsert.run(entry.at, entry.actor, entry.action, entry.conversationId));
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.stmt.auditList.all(limit).map((r) => ({ at: r.at, actor: r.actor, action: r.action, conversationId: r.conversation_id }));
  }

  addNote(note: StaffNote): Promise<void> {
    return this.write(() => void this.stmt.noteInsert.run(note.conversationId, note.staffName, note.text, note.at));
  }

  async listNotes(conversationId: string): Promise<StaffNote[]> {
    return this.stmt.noteList.all(conversationId).map((r) => ({ conversationId: r.conversation_id, staffName: r.staff_name, text: r.text, at: r.at }));
  }

  getOrCreateSecret(name: string): Promise<string> {
    // Insert-if-absent then read: two instances starting together still end up with the same secret.
    return this.write(() => {
      this.stmt.secretInsert.run(name, randomBytes(32).toString('base64url'));
      return this.stmt.secretGet.get(name)!.value;
    });
  }

  deleteOlderThan(cutoff: number, now: number = this.now()): Promise<RetentionResult> {
    return this.write(() =>
      this.db.transaction(() => {
        const db = this.db;
        db.exec('CREATE TEMP TABLE IF NOT EXISTS doomed (id TEXT PRIMARY KEY)');
        db.exec('DELETE FROM temp.doomed');
        db.prepare('INSERT INTO temp.doomed (id) SELECT id FROM conversations WHERE updated_at < ? AND keep = 0').run(cutoff);
        const activities = db.prepare('DELETE FROM activities WHERE conversation_id IN (SELECT id FROM temp.doomed)').run().changes;
        const states = db
          .prepare(
            `DELETE FROM bot_state WHERE conversation_id IN (SELECT id FROM temp.doomed)
               OR (conversation_id IS NOT NULL AND updated_at < ? AND conversation_id NOT IN (SELECT id FROM conversations))`,
          )
          .run(cutoff).changes;
        const notes = db.prepare('DELETE FROM notes WHERE conversation_id IN (SELECT id FROM temp.doomed)').run().changes;
        const conversations = db.prepare('DELETE FROM conversations WHERE id IN (SELECT id FROM temp.doomed)').run().changes;
        const sessions = db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?').run(now).changes;
        db.exec('DELETE FROM temp.doomed');
        return { conversations, activities, states, notes, sessions };
      })(),
    );
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.open && (this.db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.batch && this.db.open) this.commitBatch(this.batch);
    // The worker finishes its checkpoint and closes its connection first; posting to an exited worker is a no-op.
    // The worker is unref'd while it idles; ref it now or a process that only awaits this exit would end with code 13.
    this.checkpointer?.ref();
    this.checkpointer?.postMessage('close');
    await this.checkpointerExited;
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) DATA_DIR/hulpwijzer.sqlite and brings its schema up to date. */
export function openSqliteStore(dataDir: string, options: StoreOptions = {}): SqliteStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteStore(path.join(dataDir, SQLITE_FILE_NAME), options);
}
