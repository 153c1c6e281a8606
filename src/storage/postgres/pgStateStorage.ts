// botbuilder Storage on PostgreSQL with a real eTag compare-and-set: a write carrying a stale eTag throws, across all instances.
import type { Storage, StoreItems } from 'botbuilder';
import { newETag } from '../memory.js';
import { ETagConflictError } from '../storeErrors.js';
import { conversationIdOfStateKey } from '../stateKeys.js';
import type { Db } from './pgQuery.js';
import { conflictOf } from './pgErrors.js';
import { attachReadText, takeWriteText } from '../stateText.js';
import { STATE_UPSERT_SQL, stateUpsertParams, type StateRowWrite } from './pgStateSql.js';
import type { PgTurn, PgTurns } from './pgTurns.js';

/**
 * Same rules as the other backends (and botbuilder's MemoryStorage): no eTag or '*' writes
 * unconditionally; any other eTag writes only while it is still the stored one (a missing row accepts it).
 * A write of several keys is one statement, so a conflict on one leaves the others untouched.
 *
 * Keys of a conversation whose turn this process is running are served by that turn (see PgTurn): reads come
 * from the state it read with the lock, unconditional writes go out with its unlock.
 */
/** A stored row as an item; the text (a text column, kept as written) goes along for the bot's change check. */
function parsedItem(data: string, etag: string): object {
  const item = { ...(JSON.parse(data) as object), eTag: etag };
  attachReadText(item, data);
  return item;
}

export class PgStateStorage implements Storage {
  constructor(
    private readonly db: Db,
    private readonly turns: PgTurns,
    private readonly now: () => number,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    const queried: string[] = [];
    for (const key of keys) {
      const turn = this.turns.turnOf(conversationIdOfStateKey(key));
      if (!turn) {
        queried.push(key);
        continue;
      }
      const row = turn.state.get(key);
      if (row) items[key] = parsedItem(row.data, row.etag);
    }
    if (queried.length === 0) return items;
    const { rows } = await this.db.query<{ key: string; etag: string; data: string }>(
      'SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[])',
      [queried],
    );
    for (const row of rows) items[row.key] = parsedItem(row.data, row.etag);
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const rows: StateRowWrite[] = Object.entries(changes).map(([key, item]) => {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      // The bot's state cache has just serialised this item for its change check: the same text, not made again.
      const json = (item && takeWriteText(item)) ?? JSON.stringify(data);
      return { key, conversationId: conversationIdOfStateKey(key), etag: newETag(), data: json, expected: !eTag || eTag === '*' ? null : eTag };
    });
    if (rows.length === 0) return;
    const turns = new Set<PgTurn | undefined>(rows.map((row) => this.turns.turnOf(row.conversationId)));
    const [only] = turns;
    if (turns.size === 1 && only && rows.every((row) => row.expected === null)) {
      // Nothing to compare, nobody else can write these keys during the turn: answered now, sent with the unlock.
      for (const row of rows) {
        only.pending.set(row.key, row);
        only.state.set(row.key, { etag: row.etag, data: row.data });
      }
      return;
    }
    for (const turn of turns) await turn?.flushPending();
    try {
      await (turns.size === 1 && only ? only.query : this.db.query)(STATE_UPSERT_SQL, stateUpsertParams(rows, this.now()));
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict?.kind === 'etag') throw new ETagConflictError(conflict.detail);
      throw error;
    }
    for (const row of rows) this.turns.turnOf(row.conversationId)?.state.set(row.key, { etag: row.etag, data: row.data });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    for (const key of keys) {
      const turn = this.turns.turnOf(conversationIdOfStateKey(key));
      turn?.pending.delete(key);
      turn?.state.delete(key);
    }
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
