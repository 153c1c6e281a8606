// HulpwijzerStore on PostgreSQL, for several server instances sharing one database: CAS state, atomic activity log, advisory locks.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from './postgres/migrations.js';
import { APPEND_SQL, PendingAppend, type AppendRow } from './postgres/pgAppend.js';
import { CONVERSATION_COLUMNS, toConversation, type ConversationRow } from './postgres/pgConversationRow.js';
import { StorageUnavailableError, toStoreError } from './postgres/pgErrors.js';
import { poolDb, type Db } from './postgres/pgQuery.js';
import { PgStateStorage } from './postgres/pgStateStorage.js';
import { PgTurns } from './postgres/pgTurns.js';
import { ConversationExistsError, StaffExistsError } from './storeErrors.js';
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
  ExclusiveHint,
} from './store.js';

export { openPostgresBus, PgBus, type PgBusOptions } from './pgBus.js';
export { StorageUnavailableError } from './postgres/pgErrors.js';

export interface PostgresStoreOptions {
  /** Schema holding the tables (created if missing); tests give each file its own. */
  schema?: string;
  /** Clock in ms since epoch for times the store stamps itself. */
  now?: () => number;
  /** Connections for queries. */
  poolSize?: number;
  /** Connections that hold conversation locks during a turn (apart, so locks never starve queries). */
  lockPoolSize?: number;
  /** How long to wait for a connection before answering 503, in ms. */
  connectionTimeoutMs?: number;
  /** How long one query (or one wait for a conversation lock) may take before it fails, in ms. */
  queryTimeoutMs?: number;
  /**
   * Wait for the WAL flush on every commit (default true). Off would acknowledge a message the database can
   * still lose in a crash of its own (the last fraction of a second); under load commits share a flush anyway.
   */
  synchronousCommit?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

/** Pool settings shared by the store's pools and the bus: bigint as number (our bigints are ms timestamps and counts). */
export function poolConfig(
  url: string,
  options: { schema: string; max: number; connectionTimeoutMs: number; queryTimeoutMs: number; synchronousCommit?: boolean },
): pg.PoolConfig {
  return {
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    query_timeout: options.queryTimeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    options: `-c search_path=${options.schema}${options.synchronousCommit ? '' : ' -c synchronous_commit=off'}`,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
    },
  };
}

/** Patch fields and how each becomes a column value; updatedAt is handled apart (it has a default). */
const PATCH_COLUMNS: { [K in keyof ConversationPatch]-?: [column: string, toDb: (value: NonNullable<ConversationPatch[K]> | null) => unknown] } = {
  updatedAt: ['updated_at', (v) => v],
  mode: ['mode', (v) => v],
  urgent: ['urgent', (v) => v],
  signals: ['signals', (v) => JSON.stringify(v ?? [])],
  waitingSince: ['waiting_since', (v) => v],
  assignedTo: ['assigned_to', (v) => v],
  summary: ['summary', (v) => (v === null ? null : JSON.stringify(v))],
  keep: ['keep', (v) => v],
};

export class PostgresStore implements HulpwijzerStore {
  readonly state: PgStateStorage;
  private readonly db: Db;
  private readonly turns: PgTurns;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly lockPool: pg.Pool,
    schema: string,
    private readonly now: () => number,
  ) {
    this.db = poolDb(pool);
    this.turns = new PgTurns(lockPool, schema, this.db, now);
    this.state = new PgStateStorage(this.db, this.turns, now);
  }

  async createConversation(id: string, now: number): Promise<ConversationRecord> {
    const { rows } = await this.turns.queryFor(id)<ConversationRow>(
      `INSERT INTO conversations (id, created_at, updated_at, mode) VALUES ($1, $2, $2, 'bot')
       ON CONFLICT (id) DO NOTHING RETURNING ${CONVERSATION_COLUMNS}`,
      [id, now],
    );
    if (!rows[0]) throw new ConversationExistsError();
    const turn = this.turns.turnOf(id);
    if (turn) {
      turn.conversation = { ...rows[0] };
      turn.lastSeq = 0;
      turn.mode = rows[0].mode;
    }
    return toConversation(rows[0]);
  }

  async getConversation(id: string): Promise<ConversationRecord | null> {
    const turn = this.turns.turnOf(id);
    if (turn && turn.conversation !== undefined) return turn.conversation && toConversation(turn.conversation);
    const { rows } = await this.turns.queryFor(id)<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = $1`, [id]);
    if (!rows[0]) return null;
    if (turn) turn.conversation = { ...rows[0] };
    return toConversation(rows[0]);
  }

  async updateConversation(id: string, expectedVersion: number, patch: ConversationPatch): Promise<ConversationRecord | null> {
    const params: unknown[] = [id, expectedVersion];
    const sets: string[] = ['version = version + 1'];
    for (const [field, [column, toDb]] of Object.entries(PATCH_COLUMNS) as [keyof ConversationPatch, [string, (v: unknown) => unknown]][]) {
      const value = patch[field];
      if (value === undefined) continue;
      params.push(toDb(value));
      sets.push(`${column} = $${params.length}`);
    }
    if (patch.updatedAt === undefined) {
      params.push(this.now());
      sets.push(`updated_at = GREATEST(updated_at, $${params.length})`);
    }
    const { rows } = await this.turns.queryFor(id)<ConversationRow>(
      `UPDATE conversations SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING ${CONVERSATION_COLUMNS}`,
      params,
    );
    const turn = this.turns.turnOf(id);
    if (!rows[0]) {
      // Someone else changed it: the turn's copy is stale, the caller's retry must read the database.
      if (turn) turn.conversation = undefined;
      return null;
    }
    if (turn) {
      turn.conversation = { ...rows[0] };
      turn.mode = rows[0].mode;
    }
    return toConversation(rows[0]);
  }

  async listConversations(options: { modes?: ConversationMode[]; limit?: number } = {}): Promise<ConversationRecord[]> {
    const params: unknown[] = [];
    let where = '';
    if (options.modes) {
      params.push(options.modes);
      where = `WHERE mode = ANY($1::text[])`;
    }
    let limit = '';
    if (options.limit !== undefined) {
      params.push(Math.max(0, Math.floor(options.limit)));
      limit = `LIMIT $${params.length}`;
    }
    const { rows } = await this.db.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations ${where} ORDER BY created_at, id COLLATE "C" ${limit}`,
      params,
    );
    return rows.map(toConversation);
  }

  async appendActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity> {
    const turn = this.turns.turnOf(conversationId);
    const staged = turn?.takeStaged(activity);
    if (staged) return staged();
    const append = new PendingAppend(conversationId, activity, now);
    if (!turn) return this.turns.appendOutsideTurn(append);
    // In a turn: with whatever the turn staged before it, in one statement.
    const stored = turn.stage(append);
    if (stored) return { ...stored, mode: (await turn.flushAppends()) ?? stored.mode };
    const { rows } = await turn.query<AppendRow>(APPEND_SQL, append.params);
    const result = append.result(rows[0]);
    turn.lastSeq = result.seq;
    turn.mode = result.mode;
    return result;
  }

  /**
   * In a turn the activity gets the next seq at once and is stored with the turn's next round trip (at the latest
   * its unlock); durable(conversationId) says when. Its mode is the one the turn knows (seen with the lock, or set
   * by the turn itself). Outside a turn, the same as appendActivity.
   */
  async stageActivity(conversationId: string, activity: Record<string, unknown>, now: number): Promise<AppendedActivity> {
    const turn = this.turns.turnOf(conversationId);
    const staged = turn?.takeStaged(activity);
    if (staged) return staged();
    return turn?.stage(new PendingAppend(conversationId, activity, now)) ?? this.appendActivity(conversationId, activity, now);
  }

  /** With a conversation: once what its turn staged is stored. Without: once every turn's staged appends are. */
  durable(conversationId?: string): Promise<void> {
    if (conversationId !== undefined) return this.turns.turnOf(conversationId)?.durable() ?? Promise.resolve();
    return Promise.all(this.turns.turnsWithStagedAppends().map((turn) => turn.durable())).then(() => undefined);
  }

  async listActivities(conversationId: string, afterSeq: number, limit?: number): Promise<StoredActivity[]> {
    // What this process's turn already answered for is read back like the rest.
    const turn = this.turns.turnOf(conversationId);
    if (turn?.hasStagedAppends) await turn.flushAppends();
    const params: unknown[] = [conversationId, afterSeq];
    let limitSql = '';
    if (limit !== undefined) {
      params.push(Math.max(0, Math.floor(limit)));
      limitSql = 'LIMIT $3';
    }
    const { rows } = await this.db.query<{ seq: number; created_at: number; activity: string }>(
      `SELECT seq, created_at, activity FROM activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq ${limitSql}`,
      params,
    );
    return rows.map((row) => ({
      conversationId,
      seq: row.seq,
      createdAt: row.created_at,
      activity: { ...(JSON.parse(row.activity) as object), id: `${conversationId}|${row.seq}` },
    }));
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>, hint?: ExclusiveHint): Promise<T> {
    return this.turns.run(conversationId, fn, hint);
  }

  async createStaff(account: StaffAccount): Promise<void> {
    const { rowCount } = await this.db.query(
      'INSERT INTO staff (name, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
      [account.name, account.passwordHash, account.createdAt],
    );
    if (rowCount === 0) throw new StaffExistsError(account.name);
  }

  async getStaff(name: string): Promise<StaffAccount | null> {
    const { rows } = await this.db.query<{ name: string; password_hash: string; created_at: number }>(
      'SELECT name, password_hash, created_at FROM staff WHERE name = $1',
      [name],
    );
    const row = rows[0];
    return row ? { name: row.name, passwordHash: row.password_hash, createdAt: row.created_at } : null;
  }

  async createSession(session: StaffSession): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (id, staff_name, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET staff_name = excluded.staff_name, csrf_token = excluded.csrf_token,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [session.id, session.staffName, session.csrfToken, session.createdAt, session.expiresAt],
    );
  }

  async getSession(id: string): Promise<StaffSession | null> {
    const { rows } = await this.db.query<{ id: string; staff_name: string; csrf_token: string; created_at: number; expires_at: number }>(
      'SELECT id, staff_name, csrf_token, created_at, expires_at FROM sessions WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, staffName: row.staff_name, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at } : null;
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  async setPresence(presence: Presence): Promise<void> {
    await this.db.query(
      `INSERT INTO presence (staff_name, status, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (staff_name) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
      [presence.staffName, presence.status, presence.updatedAt],
    );
  }

  async listPresence(): Promise<Presence[]> {
    const { rows } = await this.db.query<{ staff_name: string; status: PresenceStatus; updated_at: number }>(
      'SELECT staff_name, status, updated_at FROM presence ORDER BY staff_name COLLATE "C"',
    );
    return rows.map((row) => ({ staffName: row.staff_name, status: row.status, updatedAt: row.updated_at }));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.query('INSERT INTO audit (at, actor, action, conversation_id) VALUES ($1, $2, $3, $4)', [
      entry.at,
      entry.actor,
      entry.action,
      entry.conversationId,
    ]);
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<{ at: number; actor: string; action: string; conversation_id: string | null }>(
      'SELECT at, actor, action, conversation_id FROM audit ORDER BY id DESC LIMIT $1',
      [Math.max(0, Math.floor(limit))],
    );
    return rows.map((row) => ({ at: row.at, actor: row.actor, action: row.action, conversationId: row.conversation_id }));
  }

  async addNote(note: StaffNote): Promise<void> {
    await this.db.query('INSERT INTO notes (conversation_id, staff_name, text, at) VALUES ($1, $2, $3, $4)', [
      note.conversationId,
      note.staffName,
      note.text,
      note.at,
    ]);
  }

  async listNotes(conversationId: string): Promise<StaffNote[]> {
    const { rows } = await this.db.query<{ conversation_id: string; staff_name: string; text: string; at: number }>(
      'SELECT conversation_id, staff_name, text, at FROM notes WHERE conversation_id = $1 ORDER BY id',
      [conversationId],
    );
    return rows.map((row) => ({ conversationId: row.conversation_id, staffName: row.staff_name, text: row.text, at: row.at }));
  }

  async getOrCreateSecret(name: string): Promise<string> {
    // Whoever inserts first wins; everyone then reads the same value, so all instances share one key.
    await this.db.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      randomBytes(32).toString('base64url'),
    ]);
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
    if (!rows[0]) throw new StorageUnavailableError();
    return rows[0].value;
  }

  async deleteOlderThan(cutoff: number, now: number = this.now()): Promise<RetentionResult> {
    // One statement: every CTE sees the same snapshot, and the conversations' row locks stop appends racing the delete.
    const { rows } = await this.db.query<RetentionResult>(
      `WITH dc AS (
         DELETE FROM conversations WHERE updated_at < $1 AND NOT keep RETURNING id
       ), da AS (
         DELETE FROM activities a USING dc WHERE a.conversation_id = dc.id RETURNING 1
       ), ds AS (
         DELETE FROM bot_state s
         WHERE s.conversation_id IN (SELECT id FROM dc)
            OR (s.conversation_id IS NOT NULL AND s.updated_at < $1
                AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = s.conversation_id))
         RETURNING 1
       ), dn AS (
         DELETE FROM notes n USING dc WHERE n.conversation_id = dc.id RETURNING 1
       ), dss AS (
         DELETE FROM sessions WHERE expires_at <= $2 RETURNING 1
       )
       SELECT (SELECT count(*) FROM dc) AS conversations, (SELECT count(*) FROM da) AS activities,
              (SELECT count(*) FROM ds) AS states, (SELECT count(*) FROM dn) AS notes, (SELECT count(*) FROM dss) AS sessions`,
      [cutoff, now],
    );
    return rows[0]!;
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    this.closed ??= Promise.all([this.pool.end(), this.lockPool.end()]).then(() => undefined);
    return this.closed;
  }
}

/**
 * Connects, migrates (under an advisory lock, so instances starting together take turns) and returns the store.
 * Throws StorageUnavailableError (503) when the database cannot be reached at start.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const schema = options.schema ?? 'hulpwijzer';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`postgres schema name "${schema}" must match ${SCHEMA_NAME}`);
  const timeouts = {
    connectionTimeoutMs: options.connectionTimeoutMs ?? 3_000,
    queryTimeoutMs: options.queryTimeoutMs ?? 15_000,
    synchronousCommit: options.synchronousCommit ?? true,
  };
  const pool = new pg.Pool(poolConfig(url, { schema, max: options.poolSize ?? 10, ...timeouts }));
  const lockPool = new pg.Pool(poolConfig(url, { schema, max: options.lockPoolSize ?? 16, ...timeouts }));
  // An idle client whose server went away emits 'error' on the pool; the pool drops it and reconnects later.
  // Without a listener Node would treat it as an uncaught error and stop the process.
  pool.on('error', () => undefined);
  lockPool.on('error', () => undefined);
  try {
    await runMigrations(pool, schema);
  } catch (error) {
    await Promise.all([pool.end(), lockPool.end()]).catch(() => undefined);
    throw toStoreError(error);
  }
  return new PostgresStore(pool, lockPool, schema, options.now ?? Date.now);
}
