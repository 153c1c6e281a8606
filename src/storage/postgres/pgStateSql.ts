// The SQL that writes several bot-state keys in one statement with an exact eTag compare-and-set: all keys or none.
/** One key to write; `expected` null writes unconditionally, otherwise only while the stored eTag is still this one. */
export interface StateRowWrite {
  key: string;
  conversationId: string | null;
  etag: string;
  data: string;
  expected: string | null;
}

/**
 * One statement, so one round trip and atomic by itself: the upsert writes each row whose eTag still matches (the
 * ON CONFLICT condition sees the newest committed row, so a concurrent writer cannot slip in between), and when
 * any row was not written raise_conflict() raises, which undoes the rows that were. A missing row accepts any eTag.
 * The same text for any number of keys (arrays), so it can be prepared.
 */
export const STATE_UPSERT_SQL = `WITH input (key, conversation_id, etag, data, expected) AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
    ),
    written AS (
      INSERT INTO bot_state AS s (key, conversation_id, etag, data, updated_at)
      SELECT key, conversation_id, etag, data, $6::bigint FROM input
      ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
      WHERE s.etag = COALESCE((SELECT i.expected FROM input i WHERE i.key = excluded.key), s.etag)
      RETURNING s.key
    )
    SELECT raise_conflict('etag', i.key) FROM input i WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.key = i.key) LIMIT 1`;

/** STATE_UPSERT_SQL's parameters. */
export function stateUpsertParams(rows: readonly StateRowWrite[], updatedAt: number): unknown[] {
  return [rows.map((r) => r.key), rows.map((r) => r.conversationId), rows.map((r) => r.etag), rows.map((r) => r.data), rows.map((r) => r.expected), updatedAt];
}
