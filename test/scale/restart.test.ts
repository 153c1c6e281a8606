// kill -9 the server mid-conversation and start it again (SQLite and PostgreSQL): nothing acknowledged is lost or doubled, the dialog goes on where it was.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectLineClient, type DlActivity } from './directLineClient.js';
import { DATABASE_URL, PG_SKIP_NOTE, createTestDatabase, type TestDatabase } from './pgDatabase.js';
import { startServer, type ServerHandle } from './serverProcess.js';
import { nextMessage } from '../bench/screeningScript.js';

const TURNS = 8;
const KILL_AFTER = 4;
const botTexts = (replies: DlActivity[]) => replies.map((r) => r.text ?? '').join('\n---\n');

async function logOf(client: DirectLineClient): Promise<DlActivity[]> {
  return (await client.poll('0')).activities;
}

function expectIntact(log: DlActivity[], conversationId: string, acknowledged: string[]): void {
  expect(log.map((a) => a.id)).toEqual(log.map((_, i) => `${conversationId}|${i + 1}`));
  for (const id of acknowledged) expect(log.filter((a) => a.id === id)).toHaveLength(1);
}

type Backend = { name: string; skip?: boolean; env: () => Promise<Record<string, string>>; cleanup: () => Promise<void> };

const backends: Backend[] = [];
{
  const dirs: string[] = [];
  backends.push({
    name: 'SQLite (DATA_DIR)',
    env: async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-restart-'));
      dirs.push(dir);
      return { DATA_DIR: dir };
    },
    cleanup: async () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  });
}
{
  // Each test starts from a database of its own: all of them are dropped at the end, not only the last.
  const dbs: TestDatabase[] = [];
  backends.push({
    name: `PostgreSQL${PG_SKIP_NOTE}`,
    skip: !DATABASE_URL,
    env: async () => {
      const db = await createTestDatabase('restart');
      dbs.push(db);
      return { DATABASE_URL: db.url };
    },
    cleanup: async () => {
      await Promise.all(dbs.splice(0).map((db) => db.drop()));
    },
  });
}

for (const backend of backends) describe.skipIf(backend.skip)(`restart after SIGKILL: ${backend.name}`, () => {
  let server: ServerHandle | null = null;
  afterAll(async () => {
    await server?.stop();
    await backend.cleanup();
  });

  it('resumes with the same state (replies match a conversation that never saw a crash) and an intact log', async () => {
    const env = { ...(await backend.env()), RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' };
    server = await startServer({ env });

    // The control conversation runs the whole script on an undisturbed server.
    const control = await DirectLineClient.start(server.url);
    await control.connect();
    let controlReplies = await control.waitForWelcome();
    const expected: string[] = [];
    for (let turn = 0; turn < TURNS; turn++) {
      const result = await control.turn(nextMessage(turn, controlReplies));
      controlReplies = result.replies;
      expected.push(botTexts(result.replies));
    }
    control.close();

    const user = await DirectLineClient.start(server.url);
    await user.connect();
    let replies = await user.waitForWelcome();
    const acknowledged: string[] = [];
    const seen: string[] = [];
    for (let turn = 0; turn < KILL_AFTER; turn++) {
      const result = await user.turn(nextMessage(turn, replies));
      acknowledged.push(result.id);
      replies = result.replies;
      seen.push(botTexts(result.replies));
    }

    await server.kill9();
    server = await startServer({ env });
    const resumed = user.via(server.url);
    await resumed.connect(String(user.received.length));
    for (let turn = KILL_AFTER; turn < TURNS; turn++) {
      const result = await resumed.turn(nextMessage(turn, replies));
      acknowledged.push(result.id);
      replies = result.replies;
      seen.push(botTexts(result.replies));
    }
    expect(seen).toEqual(expected);
    const log = await logOf(resumed);
    expectIntact(log, user.conversationId, acknowledged);
    // The resumed stream replayed nothing twice.
    const streamed = [...user.received, ...resumed.received].map((a) => a.id);
    expect(new Set(streamed).size).toBe(streamed.length);
    user.close();
    resumed.close();
  }, 120_000);

  it('keeps a message that was acknowledged just before the kill, exactly once, and answers the next one', async () => {
    const env = { ...(await backend.env()), RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' };
    await server?.stop();
    server = await startServer({ env });
    const user = await DirectLineClient.start(server.url);
    await user.connect();
    const first = await user.turn(nextMessage(0, await user.waitForWelcome()));
    // Kill while the bot is (probably) still working on this one: the POST has been answered, so it must survive.
    const inFlight = await user.post({ type: 'message', text: nextMessage(1, first.replies).text ?? 'ja' });
    await server.kill9();
    server = await startServer({ env });
    const resumed = user.via(server.url);
    await resumed.connect('0');
    const after = await resumed.turn({ text: 'hallo, ben je er nog?' });
    expect(after.replies.length).toBeGreaterThan(0);
    expectIntact(await logOf(resumed), user.conversationId, [first.id, inFlight, after.id]);
    user.close();
    resumed.close();
  }, 120_000);
});
