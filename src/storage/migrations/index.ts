// The ordered list of SQLite schema migrations; each runs once, recorded in the schema_version table.
import { migration001 } from './001_initial.js';
import { migration002 } from './002_unindexed_updated_at.js';

export interface Migration {
  /** Strictly increasing, starting at 1; never renumber a released migration. */
  version: number;
  name: string;
  sql: string;
}

// Kept as TypeScript modules (not .sql files) so the compiled build carries them without a copy step.
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
