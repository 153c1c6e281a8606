// Runs the store contract against SQLite, plus what only a file-backed store can show: migrations, reopening, two connections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStoreContract } from './storeContract.js';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite.js';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import type { HulpwijzerStore } from '../../src/storage/store.js';

describeStoreContract('sqlite', async ({ now }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-sqlite-'));
  let current: HulpwijzerStore = openSqliteStore(dir, { now });
  return {
    get store() {
      return current;
    },
    reopen: async () => {
      await current.close();
      current = openSqliteStore(dir, { now });
      return current;
    },
    dispose: async () => {
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite specifics', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-sqlite-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file under DATA_DIR in WAL mode and records every migration once', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = openSqliteStore(dir);
    await store.close();
    const reopened = openSqliteStore(dir); // running migrations again must be a no-op
    await reopened.close();
    const db = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('numbers activities without gaps or duplicates when two connections append to one file', async () => {
    const dir = tempDir();
    const a = openSqliteStore(dir);
    const b = openSqliteStore(dir);
    await a.createConversation('shared', 1);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendActivity('shared', { n: i }, 2)));
    const seqs = (await a.listActivities('shared', 0)).map((x) => x.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await a.getOrCreateSecret('token')).toBe(await b.getOrCreateSecret('token'));
    await a.close();
    await b.close();
  });

  it('answers ping false once closed', async () => {
    const store = openSqliteStore(tempDir());
    await store.close();
    expect(await store.ping()).toBe(false);
  });
});
