// Serialises the turns of one conversation across every instance: an in-process queue, then a PostgreSQL advisory lock.
import type { Pool, PoolClient } from 'pg';
import { KeyedLock } from '../../keyedLock.js';
import { guardCheckedOutClient, toStoreError } from './pgErrors.js';

/**
 * The advisory lock is held by a client from a pool of its own: the work inside the lock queries the
 * main pool, so holding locks can never starve it. The local queue in front means one instance holds at
 * most one lock client per conversation, however many requests for it arrive at once.
 * If the lock client's connection dies mid-turn the server frees the lock; that is the price of not
 * wrapping a whole turn in one transaction, and the eTag checks still catch a lost update.
 */
export class PgConversationLocks {
  private readonly local = new KeyedLock();

  constructor(
    private readonly lockPool: Pool,
    /** Keeps stores in different schemas of one database from contending for each other's ids. */
    private readonly namespace: string,
  ) {}

  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(conversationId, () => this.runLocked(conversationId, fn));
  }

  private async runLocked<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const key = `${this.namespace}:${conversationId}`;
    let client: PoolClient;
    try {
      client = await this.lockPool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    const unguard = guardCheckedOutClient(client);
    try {
      // hashtextextended gives a bigint; the one-key form is a lock space apart from the migration lock's two keys.
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    } catch (error) {
      unguard();
      client.release(error as Error);
      throw toStoreError(error);
    }
    try {
      return await fn();
    } finally {
      try {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        unguard();
        client.release();
      } catch (error) {
        // Destroying the connection releases every lock it held on the server side.
        unguard();
        client.release(error as Error);
      }
    }
  }
}
