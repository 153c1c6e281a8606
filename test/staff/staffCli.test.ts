// `npm run -s cli -- staff add <name>` as a real process: password on stdin, rules with exit 2, the account really stored.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/index.js';
import { checkCredentials } from '../../src/staff/index.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-staff-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function staffAdd(args: string[], input: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL; // the same store selection as the server: SQLite under DATA_DIR here
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'staff', ...args], { input, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('staff add', () => {
  it('reads one line from stdin and stores an argon2 hash that signs in', async () => {
    const result = staffAdd(['add', 'anna'], 'a-long-enough-password\nignored second line\n');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('anna');
    const store = openSqliteStore(dataDir);
    try {
      const account = await store.getStaff('anna');
      expect(account?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(account?.passwordHash).not.toContain('a-long-enough-password');
      expect(await checkCredentials(store, 'anna', 'a-long-enough-password')).toBe('anna');
      expect(await checkCredentials(store, 'anna', 'ignored second line')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('a name that exists: exit 2 with a clear message', () => {
    staffAdd(['add', 'bram'], 'first-password-123\n');
    const result = staffAdd(['add', 'bram'], 'second-password-456\n');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('name: a staff account named "bram" already exists');
  });

  it.each([
    [['add', 'carla'], 'short\n', 'password: must be at least 10 characters'],
    [['add', 'carla'], '\n', 'password: empty (give it on stdin, one line)'],
    [['add', 'Carla Jansen'], 'long-enough-password\n', "name: use lower-case letters, digits, '.', '_' or '-', starting with a letter"],
    [['remove', 'carla'], 'long-enough-password\n', 'usage: staff add <name>   (password on stdin, or prompted twice at a terminal)'],
  ])('%j with %j: exit 2, %s', (args, input, message) => {
    const result = staffAdd(args, input);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(message);
  });
});
