// Turns errors from the pg driver into the project's AppErrors: a lost or refused database becomes 503 storage_unavailable.
import { AppError, InvalidInputError } from '../../errors.js';

/** The database cannot be reached right now; the HTTP layer answers 503 and the client may retry. */
export class StorageUnavailableError extends AppError {
  constructor() {
    super('storage_unavailable', 'the database is not available right now; please try again shortly', 503);
  }
}

// Socket-level failures Node reports while connecting to or talking with the server.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

// SQLSTATEs that mean "the server is there but cannot serve us now": shutdown, starting up, too many connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53000']);

// Messages the pg driver uses for its own connection failures (it sets no code on these).
const DRIVER_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
];

/** SQLSTATE of raise_conflict() (migration 2): a compare-and-set inside a statement lost and the statement was undone. */
const CONFLICT_SQLSTATE = 'HW409';

/** What raise_conflict() reported: its kind ('etag', 'seq', 'missing') and the key or id, or null for any other error. */
export function conflictOf(error: unknown): { kind: string; detail: string } | null {
  const { code, message, detail } = (error ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
  if (code !== CONFLICT_SQLSTATE || typeof message !== 'string') return null;
  return { kind: message, detail: typeof detail === 'string' ? detail : '' };
}

/** True when the error says the database could not be reached (as opposed to a bad query or a constraint). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return true;
  }
  return DRIVER_MESSAGES.some((text) => error.message.includes(text));
}

/**
 * Maps a driver error to what callers should see. AppErrors pass through; text the database cannot
 * hold (a NUL byte in a string column) is the caller's bad input; everything else stays a plain error (500).
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isConnectionError(error)) return new StorageUnavailableError();
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '22021' || code === '22P05' || code === '54000') {
    return new InvalidInputError('a value could not be stored (invalid characters or too large)');
  }
  return error;
}

/**
 * A pool client that is checked out has no 'error' listener of the pool's: a connection lost while we hold
 * it would be an uncaught error and stop the process. The query in flight fails by itself; this only keeps
 * the event from escaping. Call the returned function before releasing the client.
 */
export function guardCheckedOutClient(client: { on(event: 'error', fn: (e: Error) => void): unknown; off(event: 'error', fn: (e: Error) => void): unknown }): () => void {
  const ignore = () => undefined;
  client.on('error', ignore);
  return () => {
    client.off('error', ignore);
  };
}
