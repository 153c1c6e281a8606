// Appending to a conversation's activity log on PostgreSQL: the statements, their parameters and the records they give back.
import { ConversationNotFoundError } from '../storeErrors.js';
import type { AppendedActivity, ConversationMode } from '../store.js';
import { CONVERSATION_COLUMNS } from './pgConversationRow.js';

/** One append, seq from the counter: the counter row is updated and read in one statement, its row lock orders appends. */
export const APPEND_SQL = `WITH c AS (
    UPDATE conversations SET last_seq = last_seq + 1, updated_at = GREATEST(updated_at, $2)
    WHERE id = $1 RETURNING last_seq, mode
  )
  INSERT INTO activities (conversation_id, seq, created_at, activity)
  SELECT $1, last_seq, $2, $3 FROM c RETURNING seq, (SELECT mode FROM c) AS mode`;

/**
 * The append a turn makes with its lock: the same, but it answers with the conversation's row as the append left
 * it (seq = last_seq), which the turn keeps; no row means the conversation does not exist.
 */
export const APPEND_RETURNING_ROW_SQL = `WITH c AS (
    UPDATE conversations SET last_seq = last_seq + 1, updated_at = GREATEST(updated_at, $2)
    WHERE id = $1 RETURNING ${CONVERSATION_COLUMNS}, last_seq
  ), appended AS (
    INSERT INTO activities (conversation_id, seq, created_at, activity) SELECT $1, last_seq, $2, $3 FROM c
  )
  SELECT * FROM c`;

export interface AppendRow {
  seq: number;
  mode: ConversationMode;
}

/** An activity on its way into the log, serialised once. */
export class PendingAppend {
  readonly json: string;

  constructor(
    readonly conversationId: string,
    activity: Record<string, unknown>,
    readonly now: number,
  ) {
    // The store assigns the id; whatever the caller put there is dropped.
    const { id: _callerId, ...body } = activity;
    this.json = JSON.stringify(body);
  }

  /** APPEND_SQL's parameters. */
  get params(): [conversationId: string, now: number, json: string] {
    return [this.conversationId, this.now, this.json];
  }

  /** What APPEND_SQL's row means; no row means the conversation does not exist. */
  result(row: AppendRow | undefined): AppendedActivity {
    if (row === undefined) throw new ConversationNotFoundError();
    return this.stored(row.seq, row.mode);
  }

  /** The stored activity, a copy of its own for the caller. */
  stored(seq: number, mode: ConversationMode): AppendedActivity {
    const copy = JSON.parse(this.json) as Record<string, unknown>;
    return { conversationId: this.conversationId, seq, createdAt: this.now, mode, activity: { ...copy, id: `${this.conversationId}|${seq}` } };
  }
}

/** An append a turn has given its seq but not sent yet. */
export interface StagedAppend {
  seq: number;
  append: PendingAppend;
}

/**
 * Several appends with the seqs a turn gave them, in one statement that is exact on its own: the counter moves
 * from the turn's last seq ($2) to the new one ($3) only if nobody appended since (otherwise raise_conflict undoes
 * the statement: 'seq', or 'missing' when the conversation is gone). Returns the conversation's mode.
 */
export const STAGED_FLUSH_SQL = `WITH c AS (
      UPDATE conversations SET last_seq = $3::int, updated_at = GREATEST(updated_at, $4::bigint)
      WHERE id = $1::text AND last_seq = $2::int RETURNING mode
    ), ins AS (
      INSERT INTO activities (conversation_id, seq, created_at, activity)
      SELECT $1::text, v.seq, v.created_at, v.activity FROM c, unnest($5::int[], $6::bigint[], $7::text[]) AS v (seq, created_at, activity)
      RETURNING seq
    )
    SELECT COALESCE((SELECT mode FROM c), raise_conflict(
      CASE WHEN EXISTS (SELECT 1 FROM conversations WHERE id = $1::text) THEN 'seq' ELSE 'missing' END, $1::text)) AS mode,
      (SELECT count(*) FROM ins) AS appended`;

/** STAGED_FLUSH_SQL's parameters. */
export function stagedFlushParams(conversationId: string, staged: readonly StagedAppend[]): unknown[] {
  return [
    conversationId,
    staged[0]!.seq - 1,
    staged[staged.length - 1]!.seq,
    Math.max(...staged.map((s) => s.append.now)),
    staged.map((s) => s.seq),
    staged.map((s) => s.append.now),
    staged.map((s) => s.append.json),
  ];
}
