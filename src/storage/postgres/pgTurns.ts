// A conversation's turn on PostgreSQL: the advisory lock that serialises it across instances, the one connection all its queries use, what it reads with the lock and what it writes with the unlock.
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { KeyedLock } from '../../keyedLock.js';
import { ConversationNotFoundError } from '../storeErrors.js';
import type { AppendedActivity, ConversationMode, ExclusiveHint } from '../store.js';
import { APPEND_SQL, PendingAppend, STAGED_FLUSH_SQL, stagedFlushParams, type AppendRow, type StagedAppend } from './pgAppend.js';
import type { ConversationRow } from './pgConversationRow.js';
import { StorageUnavailableError, conflictOf, guardCheckedOutClient, isConnectionError, toStoreError } from './pgErrors.js';
import { inlineParams, sqlLiteral, statementName, type Db, type Query, type QueryResultLike } from './pgQuery.js';
import { STATE_UPSERT_SQL, stateUpsertParams, type StateRowWrite } from './pgStateSql.js';
import { PREPARE_TURN_STATEMENTS, TURN_STATEMENTS, execute } from './pgTurnSql.js';

/** A bot-state row as stored: eTag and the JSON text of the item. */
export interface StateRow {
  etag: string;
  data: string;
}

/** The error a failed append flush stands for: the conversation is gone, or the log moved on without us. */
function appendError(error: unknown): unknown {
  const conflict = conflictOf(error);
  if (conflict?.kind === 'missing') return new ConversationNotFoundError();
  if (conflict?.kind === 'seq') return new Error('the activity log moved on during the turn; its staged activities were not stored');
  return toStoreError(error);
}

/** A promise settled from outside, already handled (a turn's appends may fail with nobody waiting for them). */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Every round trip costs CPU on both sides, so a turn makes as few as it can. Taking the lock also reads the
 * conversation's row and bot state and appends the user's message (one round trip); the turn's queries run on the
 * lock's connection (no pool checkouts); the bot's replies and its unconditional state writes are answered at once
 * and travel with the unlock (one round trip). That is exact because while the lock is held nobody else appends
 * to this log (appends outside a turn take the same lock) or writes this state: the turn knows the next seq, and
 * the write that sends its appends still checks that the log is where the turn found it.
 */
export class PgTurn {
  /** The conversation's bot state as of the lock, kept current by this turn's writes; a key of the conversation not here has no row. */
  readonly state = new Map<string, StateRow>();
  /** Unconditional writes already answered; sent with the unlock, or before anything that must see them. */
  readonly pending = new Map<string, StateRowWrite>();
  /**
   * The conversation's row as of the lock (null: there was none), kept current by this turn's own writes; undefined
   * = read it. Others may change the row meanwhile (a staff claim is no turn), so it only answers reads: every change
   * is a compare-and-set on its version, and a lost one makes the next read go to the database.
   */
  conversation: ConversationRow | null | undefined;
  /** The log's last seq and the mode as this turn knows them; null until known (then appends go out at once). */
  lastSeq: number | null = null;
  mode: ConversationMode | null = null;
  /** The append made with the lock (ExclusiveHint.stage), until the turn's stageActivity takes it. */
  staged: { activity: Record<string, unknown>; result: () => AppendedActivity } | null = null;
  private appends: StagedAppend[] = [];
  private appendsStored: ReturnType<typeof deferred> | null = null;
  private broken: Error | null = null;
  private ended = false;

  constructor(
    readonly conversationId: string,
    private readonly lockKey: string,
    private readonly client: PoolClient,
    private readonly unguard: () => void,
    private readonly fallback: Query,
    private readonly now: () => number,
  ) {}

  /** Runs on the turn's connection; after the turn, on the pool. A connection lost mid-turn fails the rest of the turn (503). */
  readonly query: Query = async <R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<QueryResultLike<R>> => {
    if (this.ended) return this.fallback<R>(text, params);
    if (this.broken) throw new StorageUnavailableError();
    try {
      const result = await this.client.query<R>(params ? { name: statementName(text), text, values: params } : text);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      if (isConnectionError(error)) this.broken ??= error as Error;
      throw toStoreError(error);
    }
  };

  /** The staged append's result when `activity` is the very object it was made for (once). */
  takeStaged(activity: Record<string, unknown>): (() => AppendedActivity) | undefined {
    if (this.staged?.activity !== activity) return undefined;
    const { result } = this.staged;
    this.staged = null;
    return result;
  }

  /** Gives the append the next seq and keeps it for the next round trip; null when the turn does not know the seq. */
  stage(append: PendingAppend): AppendedActivity | null {
    if (this.ended || this.lastSeq === null || this.mode === null) return null;
    if (this.broken) throw new StorageUnavailableError();
    const seq = ++this.lastSeq;
    this.appends.push({ seq, append });
    this.appendsStored ??= deferred();
    if (this.conversation) this.conversation.updated_at = Math.max(this.conversation.updated_at, append.now);
    return append.stored(seq, this.mode);
  }

  /** Resolves once every append staged so far is stored; rejects if storing them failed. */
  durable(): Promise<void> {
    return this.appendsStored?.promise ?? Promise.resolve();
  }

  get hasStagedAppends(): boolean {
    return this.appends.length > 0;
  }

  /** Sends the staged appends now (one statement), for a caller that must see them stored; returns the mode. */
  async flushAppends(): Promise<ConversationMode | null> {
    const staged = this.takeAppends();
    if (!staged) return this.mode;
    try {
      const { rows } = await this.query<{ mode: ConversationMode }>(STAGED_FLUSH_SQL, stagedFlushParams(this.conversationId, staged.appends));
      staged.stored.resolve();
      this.mode = rows[0]!.mode;
      return this.mode;
    } catch (error) {
      // The log is not where the turn thought: later appends of this turn go out one by one.
      this.lastSeq = null;
      const failure = appendError(error);
      staged.stored.reject(failure);
      throw failure;
    }
  }

  /** Sends the deferred state writes now, for a query that must see them. */
  async flushPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    await this.query(STATE_UPSERT_SQL, stateUpsertParams(rows, this.now()));
  }

  /**
   * Writes what is staged and unlocks in one round trip. The writes commit before the unlock runs (their own
   * transaction inside the same message), so whoever takes the lock next sees them. Throws when staged writes
   * could not be stored; a failed unlock alone only costs the connection (closing it frees the lock).
   */
  async end(): Promise<void> {
    this.ended = true;
    const staged = this.takeAppends();
    const rows = [...this.pending.values()];
    this.pending.clear();
    const writes = [
      ...(staged ? [execute(TURN_STATEMENTS.flushAppends, stagedFlushParams(this.conversationId, staged.appends))] : []),
      ...(rows.length > 0 ? [execute(TURN_STATEMENTS.upsertState, stateUpsertParams(rows, this.now()))] : []),
    ];
    const unlock = execute(TURN_STATEMENTS.unlock, [this.lockKey]);
    if (this.broken) {
      this.release(this.broken);
      if (writes.length === 0) return;
      const failure = new StorageUnavailableError();
      staged?.stored.reject(failure);
      throw failure;
    }
    try {
      await this.client.query(writes.length > 0 ? `BEGIN; ${writes.join('; ')}; COMMIT; ${unlock}` : unlock);
      staged?.stored.resolve();
      this.release();
    } catch (error) {
      if (writes.length > 0 && !isConnectionError(error)) {
        // The writes were refused and their transaction is aborted: end it, then unlock on the same connection.
        await this.client.query(`ROLLBACK; ${unlock}`).then(
          () => this.release(),
          (rollbackError: Error) => this.release(rollbackError),
        );
      } else {
        this.release(error as Error);
      }
      if (writes.length === 0) return;
      const failure = appendError(error);
      staged?.stored.reject(failure);
      throw failure;
    }
  }

  private takeAppends(): { appends: StagedAppend[]; stored: ReturnType<typeof deferred> } | null {
    if (this.appends.length === 0 || !this.appendsStored) return null;
    const taken = { appends: this.appends, stored: this.appendsStored };
    this.appends = [];
    this.appendsStored = null;
    return taken;
  }

  private release(error?: Error): void {
    this.unguard();
    // Releasing with an error destroys the connection, and the server frees every lock it held.
    this.client.release(error);
  }
}

/** Connections that have the turn statements prepared (a new connection to the same pool is a new object). */
const prepared = new WeakSet<PoolClient>();

export class PgTurns {
  private readonly local = new KeyedLock();
  private readonly active = new Map<string, PgTurn>();

  constructor(
    /** Connections that hold turns; apart from the pool for other queries, so turns can never starve those. */
    private readonly lockPool: Pool,
    /** Keeps stores in different schemas of one database from contending for each other's ids. */
    private readonly namespace: string,
    /** The pool for queries outside turns. */
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /**
   * Runs fn while this conversation's lock is held: an in-process queue first (one instance holds at most one
   * lock connection per conversation), then the PostgreSQL advisory lock.
   */
  run<T>(conversationId: string, fn: () => Promise<T>, hint?: ExclusiveHint): Promise<T> {
    return this.local.run(conversationId, () => this.runLocked(conversationId, fn, hint));
  }

  /** The turn this process is running on the conversation now, if any. */
  turnOf(conversationId: string | null): PgTurn | undefined {
    return conversationId === null ? undefined : this.active.get(conversationId);
  }

  /** The conversation's turn connection while it has a turn here, else the pool. */
  queryFor(conversationId: string): Query {
    return this.active.get(conversationId)?.query ?? this.db.query;
  }

  /** Every turn here that has appends waiting to be stored. */
  turnsWithStagedAppends(): PgTurn[] {
    return [...this.active.values()].filter((turn) => turn.hasStagedAppends);
  }

  /**
   * An append from outside any turn of this process (staff, handoff notices): it waits for a turn that holds the
   * conversation elsewhere, so that turn's seqs stay its own, and takes the lock only for its own transaction.
   */
  async appendOutsideTurn(append: PendingAppend): Promise<AppendedActivity> {
    // Two statements in one message are one transaction: the lock lasts until it commits (or rolls back on an error).
    const results = await this.db.multi(
      `SELECT pg_advisory_xact_lock(hashtextextended(${sqlLiteral(this.lockKey(append.conversationId))}, 0));
       ${inlineParams(APPEND_SQL, append.params)}`,
    );
    return append.result((results[1] as QueryResult<AppendRow> | undefined)?.rows[0]);
  }

  private lockKey(conversationId: string): string {
    return `${this.namespace}:${conversationId}`;
  }

  private async runLocked<T>(conversationId: string, fn: () => Promise<T>, hint?: ExclusiveHint): Promise<T> {
    const turn = await this.begin(conversationId, hint);
    this.active.set(conversationId, turn);
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.active.delete(conversationId);
      await turn.end().catch(() => undefined);
      throw error;
    }
    this.active.delete(conversationId);
    await turn.end();
    return result;
  }

  /**
   * Checks out a connection, then takes the lock, makes the hinted append and reads the conversation's row and bot
   * state, all in one round trip.
   */
  private async begin(conversationId: string, hint?: ExclusiveHint): Promise<PgTurn> {
    let client: PoolClient;
    try {
      client = await this.lockPool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    const unguard = guardCheckedOutClient(client);
    const lockKey = this.lockKey(conversationId);
    try {
      // Several statements in one message: each takes its snapshot after the lock is granted, so it sees what the
      // previous holder committed (the row is read after the append, so it shows it).
      const append = hint?.stage ? new PendingAppend(conversationId, hint.stage.activity, hint.stage.now()) : null;
      const statements = [
        ...(prepared.has(client) ? [] : [PREPARE_TURN_STATEMENTS]),
        execute(TURN_STATEMENTS.lock, [lockKey]),
        execute(TURN_STATEMENTS.state, [conversationId]),
        // Either answers with the conversation's row: the append as it left it, or the row as it is.
        append ? execute(TURN_STATEMENTS.append, append.params) : execute(TURN_STATEMENTS.conversation, [conversationId]),
      ];
      const results = (await client.query(statements.join(';\n'))) as unknown as QueryResult[];
      prepared.add(client);
      // Counted from the end: the first message on a connection starts with the PREPAREs.
      const row = (results[results.length - 1] as QueryResult<ConversationRow & { last_seq: number }>).rows[0];
      const state = results[results.length - 2] as QueryResult<{ key: string; etag: string; data: string }>;
      const turn = new PgTurn(conversationId, lockKey, client, unguard, this.db.query, this.now);
      for (const r of state.rows) turn.state.set(r.key, { etag: r.etag, data: r.data });
      turn.conversation = null;
      if (row) {
        const { last_seq, ...conversation } = row;
        turn.conversation = conversation;
        turn.lastSeq = last_seq;
        turn.mode = row.mode;
      }
      if (append && hint?.stage) {
        const appended: AppendRow | undefined = row && { seq: row.last_seq, mode: row.mode };
        turn.staged = { activity: hint.stage.activity, result: () => append.result(appended) };
      }
      return turn;
    } catch (error) {
      unguard();
      client.release(error as Error);
      throw toStoreError(error);
    }
  }
}
