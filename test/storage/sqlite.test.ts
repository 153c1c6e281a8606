// Runs the store contract against SQLite, plus what only a file-backed store can show: migrations, reopening, two connections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStoreContract } from './storeContract.js';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite.js';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import type { HulpwijzerStore } from '../../src/storage/store.js';

const execFileAsync = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

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

  it('numbers activities without gaps or duplicates when two processes append to one file', async () => {
    const dir = tempDir();
    const a = openSqliteStore(dir);
    await a.createConversation('shared', 1);
    const secret = await a.getOrCreateSecret('token');
    await a.close(); // this process would hold the write lock across its own loop turns; the children share the file
    const fixture = fileURLToPath(new URL('./fixtures/appendFromProcess.ts', import.meta.url));
    const run = (tag: string) => execFileAsync(process.execPath, ['--import', 'tsx', fixture, dir, 'shared', '40', tag], { cwd: REPO_ROOT });
    const outputs = await Promise.all([run('a'), run('b')]);
    expect(outputs.map((o) => o.stdout.trim())).toEqual([secret, secret]);
    const reader = openSqliteStore(dir);
    const stored = await reader.listActivities('shared', 0);
    expect(stored.map((x) => x.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(stored.filter((x) => x.activity.from === 'a')).toHaveLength(40);
    await reader.close();
  }, 60_000);

  it('commits the writes of one loop turn together and acknowledges none before its commit', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    await store.createConversation('c1', 1);
    const pending = [store.appendActivity('c1', { n: 1 }, 2), store.appendActivity('c1', { n: 2 }, 2), store.state.write({ 'k/1': { eTag: '*', v: 1 } })];
    // Another connection sees nothing of the open batch, and this store's own reads stop before its uncommitted activities.
    const other = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect((other.prepare('SELECT COUNT(*) AS n FROM activities').get() as { n: number }).n).toBe(0);
    expect(await store.listActivities('c1', 0)).toEqual([]);
    await Promise.all(pending);
    expect((other.prepare('SELECT COUNT(*) AS n FROM activities').get() as { n: number }).n).toBe(2);
    expect((await store.listActivities('c1', 0)).map((a) => a.seq)).toEqual([1, 2]);
    other.close();
    await store.close();
  });

  it('stages an activity at once and makes it durable with the batch', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    await store.createConversation('c1', 1);
    const staged = await store.stageActivity('c1', { n: 1 }, 2);
    expect(staged.seq).toBe(1);
    const other = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    const countOther = () => (other.prepare('SELECT COUNT(*) AS n FROM activities').get() as { n: number }).n;
    expect(countOther()).toBe(0);
    expect(await store.listActivities('c1', 0)).toEqual([]);
    await store.durable();
    expect(countOther()).toBe(1);
    expect((await store.listActivities('c1', 0)).map((a) => a.seq)).toEqual([1]);
    other.close();
    await store.close();
  });

  it('a failed write in a shared commit undoes only itself', async () => {
    const store = openSqliteStore(tempDir());
    await store.state.write({ 'k/1': { eTag: '*', v: 1 } });
    const [current] = Object.values(await store.state.read(['k/1'])) as { eTag: string }[];
    const results = await Promise.allSettled([
      store.state.write({ 'k/2': { eTag: '*', v: 2 }, 'k/1': { eTag: 'stale', v: 9 } }),
      store.state.write({ 'k/3': { eTag: '*', v: 3 } }),
      store.createConversation('c1', 1),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    const items = await store.state.read(['k/1', 'k/2', 'k/3']);
    expect(Object.keys(items).sort()).toEqual(['k/1', 'k/3']);
    expect((items['k/1'] as { v: number; eTag: string }).eTag).toBe(current!.eTag);
    expect(await store.getConversation('c1')).not.toBeNull();
    await store.close();
  });

  it('keeps what close() finds uncommitted', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const created = store.createConversation('c1', 1);
    await store.close();
    await created;
    const reopened = openSqliteStore(dir);
    expect(await reopened.getConversation('c1')).not.toBeNull();
    await reopened.close();
  });

  it('answers ping false once closed', async () => {
    const store = openSqliteStore(tempDir());
    await store.close();
    expect(await store.ping()).toBe(false);
  });
});
