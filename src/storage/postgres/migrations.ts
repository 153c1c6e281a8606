// The PostgreSQL schema as numbered migrations, applied once each under an advisory lock so instances starting together never race.
import type { Pool, PoolClient } from 'pg';
import { guardCheckedOutClient } from './pgErrors.js';

export interface Migration {
  version: number;
  /** Statements run in one transaction; tables live in the store's schema (search_path is set per connection). */
  sql: string;
}

/**
 * Append only: a released migration is never edited, a change is a new number.
 * Times are ms since epoch (bigint); JSON is kept as text because jsonb refuses the \u0000 escape
 * that user text may contain, and the store never queries inside it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE conversations (
        id text PRIMARY KEY,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        mode text NOT NULL,
        urgent boolean NOT NULL DEFAULT false,
        signals text NOT NULL DEFAULT '[]',
        waiting_since bigint,
        assigned_to text,
        summary text,
        keep boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        last_seq integer NOT NULL DEFAULT 0
      );
      CREATE INDEX conversations_updated_at ON conversations (updated_at) WHERE NOT keep;
      CREATE INDEX conversations_mode ON conversations (mode);

      CREATE TABLE activities (
        conversation_id text NOT NULL,
        seq integer NOT NULL,
        created_at bigint NOT NULL,
        activity text NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );

      CREATE TABLE bot_state (
        key text PRIMARY KEY,
        conversation_id text,
        etag text NOT NULL,
        data text NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX bot_state_conversation ON bot_state (conversation_id);

      CREATE TABLE staff (
        name text PRIMARY KEY,
        password_hash text NOT NULL,
        created_at bigint NOT NULL
      );

      CREATE TABLE sessions (
        id text PRIMARY KEY,
        staff_name text NOT NULL,
        csrf_token text NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_expires_at ON sessions (expires_at);

      CREATE TABLE presence (
        staff_name text PRIMARY KEY,
        status text NOT NULL,
        updated_at bigint NOT NULL
      );

      CREATE TABLE audit (
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        conversation_id text
      );

      CREATE TABLE notes (
        id bigserial PRIMARY KEY,
        conversation_id text NOT NULL,
        staff_name text NOT NULL,
        text text NOT NULL,
        at bigint NOT NULL
      );
      CREATE INDEX notes_conversation ON notes (conversation_id);

      CREATE TABLE secrets (
        name text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    // Lets one statement undo itself: it calls this when a compare-and-set inside it lost (a bot-state eTag, the
    // activity log's seq), and the error rolls back everything the statement wrote. kind says which, detail the key.
    version: 2,
    sql: `
      CREATE FUNCTION raise_conflict(kind text, detail text) RETURNS text LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION '%', kind USING ERRCODE = 'HW409', DETAIL = detail;
      END
      $fn$;
    `,
  },
  {
    // Every turn moves last_seq and updated_at. With updated_at indexed no such update could stay on its page (HOT):
    // each wrote a new entry into every index of the table. Retention, the index's only reader, runs rarely and may
    // scan the table; the free space left on each page lets the next version of a row go next to it.
    version: 3,
    sql: `
      DROP INDEX conversations_updated_at;
      ALTER TABLE conversations SET (fillfactor = 70);
      ALTER TABLE bot_state SET (fillfactor = 70);
    `,
  },
];

// Two-key advisory lock (class, object); conversation locks use the one-bigint form, a separate lock space.
const MIGRATION_LOCK_CLASS = 0x68770; // "hw" + 0: this project's migration lock
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the schema if needed and applies every migration newer than schema_version; returns the version reached. */
export async function runMigrations(pool: Pool, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const client: PoolClient = await pool.connect();
  const unguard = guardCheckedOutClient(client);
  let failed: unknown = null;
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.schema_version (version integer PRIMARY KEY, applied_at bigint NOT NULL)`,
      );
      const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${quoteIdent(schema)}.schema_version`);
      let current = rows[0]?.v ?? 0;
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
          await client.query(migration.sql);
          await client.query(`INSERT INTO ${quoteIdent(schema)}.schema_version (version, applied_at) VALUES ($1, $2)`, [
            migration.version,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        current = migration.version;
      }
      return current;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]).catch(() => undefined);
    }
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    // A client whose connection broke mid-migration must not go back into the pool.
    unguard();
    client.release(failed instanceof Error ? failed : undefined);
  }
}
