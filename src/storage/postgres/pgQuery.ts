// The one way the PostgreSQL store runs SQL: through the pool, with driver errors mapped to AppErrors (503 when the database is gone).
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { InvalidInputError } from '../../errors.js';
import { guardCheckedOutClient, toStoreError } from './pgErrors.js';

export interface QueryResultLike<R> {
  rows: R[];
  rowCount: number;
}

export type Query = <R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]) => Promise<QueryResultLike<R>>;

/** Several statements (values written in) in one simple-protocol message, one transaction; a result per statement. */
export type MultiQuery = (text: string) => Promise<QueryResult[]>;

export interface Db {
  query: Query;
  multi: MultiQuery;
  /** Runs fn inside BEGIN/COMMIT on one client; any throw rolls back. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
}

/**
 * A value written into SQL text, for the few round trips that send several statements at once (the simple query
 * protocol takes no parameters). Strings are quoted with every quote doubled, in the E'' form when they hold a
 * backslash, so the text means the same whatever standard_conforming_strings is; arrays as ARRAY[...] (cast them); anything
 * else is refused.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') {
    // The query text is NUL-terminated on the wire; the database refuses the character in text anyway.
    if (value.includes('\0')) throw new InvalidInputError('a value could not be stored (invalid characters or too large)');
    const quoted = `'${value.replaceAll("'", "''")}'`;
    return value.includes('\\') ? `E${quoted.replaceAll('\\', '\\\\')}` : quoted;
  }
  if (Array.isArray(value)) return `ARRAY[${value.map(sqlLiteral).join(', ')}]`;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  throw new TypeError(`sqlLiteral: cannot inline a ${typeof value}`);
}

/** `text` with each $n replaced by params[n - 1] as a literal (our statements never hold a $ anywhere else). */
export function inlineParams(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(params[Number(n) - 1]));
}

/**
 * A name per statement text, so each connection parses and plans a statement once and then only binds and runs it
 * (the pg driver prepares a named statement on a connection's first use). Texts are the store's own, a few dozen.
 */
const statementNames = new Map<string, string>();
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `hw_q${statementNames.size}`));
  return name;
}

const wrap =
  (target: Pool | PoolClient): Query =>
  async <R extends QueryResultRow>(text: string, params?: unknown[]) => {
    try {
      const result = await target.query<R>(params ? { name: statementName(text), text, values: params } : text);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toStoreError(error);
    }
  };

/** Every caller gets the same error mapping; a client whose connection broke is destroyed, never reused. */
export function poolDb(pool: Pool): Db {
  return {
    query: wrap(pool),
    multi: async (text) => {
      try {
        const result = (await pool.query(text)) as unknown as QueryResult | QueryResult[];
        return Array.isArray(result) ? result : [result];
      } catch (error) {
        throw toStoreError(error);
      }
    },
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
