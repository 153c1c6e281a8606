// The one way the PostgreSQL store runs SQL: through the pool, with driver errors mapped to AppErrors (503 when the database is gone).
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { guardCheckedOutClient, toStoreError } from './pgErrors.js';

export interface QueryResultLike<R> {
  rows: R[];
  rowCount: number;
}

export type Query = <R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]) => Promise<QueryResultLike<R>>;

export interface Db {
  query: Query;
  /** Runs fn inside BEGIN/COMMIT on one client; any throw rolls back. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
}

const wrap =
  (target: Pool | PoolClient): Query =>
  async <R extends QueryResultRow>(text: string, params?: unknown[]) => {
    try {
      const result = await target.query<R>(text, params);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toStoreError(error);
    }
  };

/** Every caller gets the same error mapping; a client whose connection broke is destroyed, never reused. */
export function poolDb(pool: Pool): Db {
  return {
    query: wrap(pool),
    async transaction<T>(fn: (query: Query) => Promise<T>): Promise<T> {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toStoreError(error);
      }
      const unguard = guardCheckedOutClient(client);
      const query = wrap(client);
      let broken: Error | undefined;
      try {
        await query('BEGIN');
        const result = await fn(query);
        await query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        unguard();
        client.release(broken);
      }
    },
  };
}
