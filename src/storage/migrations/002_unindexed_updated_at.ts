// Schema version 2: conversations.updated_at loses its index (every append moves it, retention alone reads it).
import type { Migration } from './index.js';

/**
 * Each append sets updated_at, so the index moved one entry per activity: one or two more pages for every commit
 * to write to the WAL. Only the retention job looks rows up by updated_at, about once an hour, and one scan of
 * the conversations table (one short row per conversation) costs it less than the index cost every turn.
 */
export const migration002: Migration = {
  version: 2,
  name: 'unindexed_updated_at',
  sql: `DROP INDEX IF EXISTS conversations_updated;`,
};
