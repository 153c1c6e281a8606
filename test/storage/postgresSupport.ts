// Shared setup for PostgreSQL tests: the DATABASE_URL to use (or why the tests skip), a fresh schema per store, cleanup.
import pg from 'pg';
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from '../../src/storage/postgres.js';

export const DATABASE_URL = process.env.DATABASE_URL;

/** Appended to describe names so a skipped run says why. */
export const PG_SKIP_NOTE = DATABASE_URL ? '' : ' [skipped: DATABASE_URL is not set; CI sets it to a PostgreSQL test database]';

let counter = 0;
/** A schema name no other test file or run uses, so vitest's parallel files never see each other's rows. */
export function uniqueSchema(label: string): string {
  return `t_${label}_${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
}

/** Small pools: many test stores share one server whose max_connections is 100 by default. */
export function openTestStore(schema: string, options: PostgresStoreOptions = {}, url = DATABASE_URL!): Promise<PostgresStore> {
  return openPostgresStore(url, { schema, poolSize: 3, lockPoolSize: 2, ...options });
}

export async function dropSchema(schema: string, url = DATABASE_URL!): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
