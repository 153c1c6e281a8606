// The statements a turn sends, prepared once per connection: PostgreSQL then neither parses nor plans them again on every turn.
import { APPEND_RETURNING_ROW_SQL, STAGED_FLUSH_SQL } from './pgAppend.js';
import { CONVERSATION_COLUMNS } from './pgConversationRow.js';
import { sqlLiteral } from './pgQuery.js';
import { STATE_UPSERT_SQL } from './pgStateSql.js';

interface PreparedStatement {
  name: string;
  /** Parameter types; arguments are cast to them, so a literal never leaves a type to guess. */
  types: readonly string[];
  sql: string;
}

/**
 * A turn's messages carry several statements, which only the simple query protocol allows, and that protocol
 * takes no parameters: the values are written into EXECUTE as literals, the statements themselves stay prepared.
 * hashtextextended gives a bigint; the one-key lock form is a lock space apart from the migration lock's two keys.
 */
export const TURN_STATEMENTS = {
  lock: { name: 'hw_turn_lock', types: ['text'], sql: 'SELECT pg_advisory_lock(hashtextextended($1, 0))' },
  unlock: { name: 'hw_turn_unlock', types: ['text'], sql: 'SELECT pg_advisory_unlock(hashtextextended($1, 0))' },
  state: { name: 'hw_turn_state', types: ['text'], sql: 'SELECT key, etag, data FROM bot_state WHERE conversation_id = $1' },
  conversation: { name: 'hw_turn_conversation', types: ['text'], sql: `SELECT ${CONVERSATION_COLUMNS}, last_seq FROM conversations WHERE id = $1` },
  append: { name: 'hw_turn_append', types: ['text', 'bigint', 'text'], sql: APPEND_RETURNING_ROW_SQL },
  flushAppends: { name: 'hw_turn_flush', types: ['text', 'int', 'int', 'bigint', 'int[]', 'bigint[]', 'text[]'], sql: STAGED_FLUSH_SQL },
  upsertState: { name: 'hw_turn_state_upsert', types: ['text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'bigint'], sql: STATE_UPSERT_SQL },
} as const satisfies Record<string, PreparedStatement>;

/** Prepares every turn statement; sent once at the start of a connection's first turn. */
export const PREPARE_TURN_STATEMENTS = Object.values(TURN_STATEMENTS)
  .map((s: PreparedStatement) => `PREPARE ${s.name} (${s.types.join(', ')}) AS ${s.sql}`)
  .join(';\n');

/** `EXECUTE name (literal::type, ...)`, to send with other statements in one message. */
export function execute(statement: PreparedStatement, params: readonly unknown[]): string {
  return `EXECUTE ${statement.name} (${params.map((p, i) => `${sqlLiteral(p)}::${statement.types[i]}`).join(', ')})`;
}
