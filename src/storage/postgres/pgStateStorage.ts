// botbuilder Storage on PostgreSQL with a real eTag compare-and-set: a write carrying a stale eTag throws, across all instances.
import type { Storage, StoreItems } from 'botbuilder';
import { newETag } from '../memory.js';
import { ETagConflictError } from '../storeErrors.js';
import { conversationIdOfStateKey } from '../stateKeys.js';
import type { Db, Query } from './pgQuery.js';

/**
 * Same rules as the other backends (and botbuilder's MemoryStorage): no eTag or '*' writes
 * unconditionally; any other eTag writes only while it is still the stored one (a missing row accepts it).
 * A write of several keys is one transaction, so a conflict on one leaves the others untouched.
 */
export class PgStateStorage implements Storage {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.db.query<{ key: string; etag: string; data: string }>(
      'SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.data) as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    if (entries.length === 1) return this.writeOne(this.db.query, entries[0]![0], entries[0]![1]);
    await this.db.transaction(async (query) => {
      for (const [key, item] of entries) await this.writeOne(query, key, item);
    });
  }

  private async writeOne(query: Query, key: string, item: unknown): Promise<void> {
    const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
    const params = [key, conversationIdOfStateKey(key), newETag(), JSON.stringify(data), this.now()];
    const upsert = `INSERT INTO bot_state (key, conversation_id, etag, data, updated_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at`;
    if (!eTag || eTag === '*') {
      await query(upsert, params);
      return;
    }
    const { rowCount } = await query(`${upsert} WHERE bot_state.etag = $6`, [...params, eTag]);
    if (rowCount === 0) throw new ETagConflictError(key);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
