// The storage module's one door: opens the store and bus the configuration asks for (memory, SQLite or PostgreSQL).
import type { AppConfig } from '../config.js';
import { AppError } from '../errors.js';
import { MemoryBus } from './memoryBus.js';
import { openMemoryStore, type StoreOptions } from './memory.js';
import { openSqliteStore } from './sqlite.js';
import type { Bus, HulpwijzerStore } from './store.js';

export type { Bus, BusTopic, HulpwijzerStore, ConversationRecord, ConversationPatch, ConversationMode, StoredActivity } from './store.js';
export { CONVERSATION_MODES } from './store.js';
export { MemoryBus } from './memoryBus.js';
export { MemoryStore, openMemoryStore } from './memory.js';
export { SqliteStore, openSqliteStore, SQLITE_FILE_NAME } from './sqlite.js';
export { conversationIdOfStateKey, userIdForConversation } from './stateKeys.js';
export { ETagConflictError, ConversationNotFoundError, ConversationExistsError, StaffExistsError } from './storeErrors.js';

export type StoreBackend = 'memory' | 'sqlite' | 'postgres';

/** What src/storage/postgres.ts exports (written separately); loaded only when DATABASE_URL is set. */
interface PostgresModule {
  openPostgresStore(url: string): Promise<HulpwijzerStore>;
  openPostgresBus?(url: string): Promise<Bus>;
}

export type StorageConfig = Pick<AppConfig, 'DATA_DIR' | 'DATABASE_URL'>;

/** PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR; `memory` only when asked (tests, terminal). */
export function chooseBackend(config: StorageConfig, requested?: StoreBackend): StoreBackend {
  if (requested) return requested;
  return config.DATABASE_URL ? 'postgres' : 'sqlite';
}

async function loadPostgres(): Promise<PostgresModule> {
  // Loaded on demand, so the SQLite path never loads pg; a literal specifier so the bundler ships it as its own chunk.
  return (await import('./postgres.js')) as PostgresModule;
}

export async function openStore(
  config: StorageConfig,
  options: StoreOptions & { backend?: StoreBackend } = {},
): Promise<HulpwijzerStore> {
  const backend = chooseBackend(config, options.backend);
  if (backend === 'memory') return openMemoryStore(options);
  if (backend === 'sqlite') return openSqliteStore(config.DATA_DIR, options);
  if (!config.DATABASE_URL) throw new AppError('postgres_unavailable', 'DATABASE_URL: required for the postgres backend', 500);
  return (await loadPostgres()).openPostgresStore(config.DATABASE_URL);
}

/** In process for one instance; PostgreSQL LISTEN/NOTIFY when several instances share DATABASE_URL. */
export async function openBus(config: StorageConfig, options: { backend?: StoreBackend } = {}): Promise<Bus> {
  const backend = chooseBackend(config, options.backend);
  if (backend !== 'postgres' || !config.DATABASE_URL) return new MemoryBus();
  const pg = await loadPostgres();
  if (!pg.openPostgresBus) throw new AppError('postgres_unavailable', 'src/storage/postgres.ts does not export openPostgresBus', 500);
  return pg.openPostgresBus(config.DATABASE_URL);
}
