// Two server processes on one PostgreSQL: a conversation moves between them, streams get pushes via NOTIFY, one claim wins, a crash loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLineClient, type DlActivity } from './directLineClient.js';
import { DATABASE_URL, PG_SKIP_NOTE, createTestDatabase, type TestDatabase } from './pgDatabase.js';
import { startServer, type ServerHandle } from './serverProcess.js';
import { StaffSession, addStaff } from './staffClient.js';
import { nextMessage } from '../bench/screeningScript.js';

const PASSWORD = 'two instances test password';

/** Seqs of a conversation's log as one client sees it, from the polling door. */
async function logSeqs(client: DirectLineClient): Promise<{ seqs: number[]; activities: DlActivity[] }> {
  const { activities } = await client.poll('0');
  return { seqs: activities.map((a) => Number(String(a.id).split('|')[1])), activities };
}

const contiguous = (seqs: number[]) => seqs.every((s, i) => s === i + 1);

describe.skipIf(!DATABASE_URL)(`two instances on one PostgreSQL${PG_SKIP_NOTE}`, () => {
  let db: TestDatabase;
  let a: ServerHandle;
  let b: ServerHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('two');
    env = { DATABASE_URL: db.url, RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' };
    // Both start at the same moment on an empty database: migrations take turns under the advisory lock.
    [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    addStaff(env, 'anna', PASSWORD);
    addStaff(env, 'bert', PASSWORD);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('continues a conversation started on A with requests and the stream on B, and A hears it through NOTIFY', async () => {
    const onA = await DirectLineClient.start(a.url);
    await onA.connect();
    await onA.waitFor((x) => x.from?.role === 'bot');
    const onB = onA.via(b.url);
    await onB.connect('0');
    let replies: DlActivity[] = onA.received.filter((x) => x.from?.role === 'bot');
    for (let turn = 0; turn < 6; turn++) {
      // Alternate: even turns posted to B, odd to A; B's stream must see every reply either way.
      const client = turn % 2 === 0 ? onB : onA;
      const result = await client.turn(nextMessage(turn, replies));
      replies = result.replies;
      await onB.waitFor((x) => x.replyToId === result.id, 5_000);
      await onA.waitFor((x) => x.replyToId === result.id, 5_000);
    }
    const { seqs } = await logSeqs(onB);
    expect(contiguous(seqs)).toBe(true);
    // Each stream delivered every activity exactly once and in order.
    for (const client of [onA, onB]) {
      const ids = client.received.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(seqs.slice(0, ids.length).map((s) => `${onA.conversationId}|${s}`));
    }
    onA.close();
    onB.close();
  }, 60_000);

  it('lets exactly one of two staff members claim when they click at once on different instances', async () => {
    const anna = new StaffSession(a.url);
    const bert = new StaffSession(b.url);
    await anna.login('anna', PASSWORD);
    await bert.login('bert', PASSWORD);
    expect((await anna.call('PUT', '/presence', { status: 'online' })).status).toBeLessThan(300);
    expect((await bert.call('PUT', '/presence', { status: 'online' })).status).toBeLessThan(300);
    const user = await DirectLineClient.start(a.url);
    await user.connect();
    await user.waitFor((x) => x.from?.role === 'bot');
    // A staff member starts watching (bot -> monitor); from there a claim takes it over, as from the queue.
    expect((await anna.call('POST', `/conversations/${user.conversationId}/watch`)).status).toBe(200);
    const seenOnB = await bert.call('GET', '/conversations');
    expect((seenOnB.body as { id: string; mode: string }[]).find((c) => c.id === user.conversationId)?.mode).toBe('monitor');
    const [claimA, claimB] = await Promise.all([
      anna.call('POST', `/conversations/${user.conversationId}/claim`),
      bert.call('POST', `/conversations/${user.conversationId}/claim`),
    ]);
    expect([claimA.status, claimB.status].sort()).toEqual([200, 409]);
    const winner = claimA.status === 200 ? anna : bert;
    const sent = await winner.call('POST', `/conversations/${user.conversationId}/messages`, { text: 'Hoi, ik ben er.' });
    expect(sent.status).toBe(201);
    // The user's stream is on A; a message sent through B reaches it through NOTIFY.
    await user.waitFor((x) => x.text === 'Hoi, ik ben er.', 5_000);
    user.close();
  }, 60_000);

  it('loses nothing when A is killed with SIGKILL mid-conversation: B carries on, A comes back with the same state', async () => {
    const user = await DirectLineClient.start(a.url);
    await user.connect();
    await user.waitFor((x) => x.from?.role === 'bot');
    let replies: DlActivity[] = user.received.filter((x) => x.from?.role === 'bot');
    const acknowledged: string[] = [];
    for (let turn = 0; turn < 3; turn++) {
      const result = await user.turn(nextMessage(turn, replies));
      acknowledged.push(result.id);
      replies = result.replies;
    }
    await a.kill9();
    const onB = user.via(b.url);
    await onB.connect('0');
    for (let turn = 3; turn < 6; turn++) {
      const result = await onB.turn(nextMessage(turn, replies));
      acknowledged.push(result.id);
      replies = result.replies;
    }
    a = await startServer({ env });
    const backOnA = user.via(a.url);
    await backOnA.connect('0');
    const result = await backOnA.turn(nextMessage(6, replies));
    acknowledged.push(result.id);
    const { seqs, activities } = await logSeqs(backOnA);
    expect(contiguous(seqs)).toBe(true);
    for (const id of acknowledged) {
      expect(activities.filter((x) => x.id === id)).toHaveLength(1);
      expect(activities.some((x) => x.replyToId === id)).toBe(true);
    }
    user.close();
    onB.close();
    backOnA.close();
  }, 90_000);
});
