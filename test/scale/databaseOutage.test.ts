// PostgreSQL goes away under a running server (a proxy the test cuts): 503 storage_unavailable and /healthz 503, then recovery without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLineClient } from './directLineClient.js';
import { DATABASE_URL, PG_SKIP_NOTE, createTestDatabase, type TestDatabase } from './pgDatabase.js';
import { startServer, type ServerHandle } from './serverProcess.js';
import { startTcpProxy, viaProxy, type TcpProxy } from './tcpProxy.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!DATABASE_URL)(`server while PostgreSQL is down${PG_SKIP_NOTE}`, () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let server: ServerHandle;

  beforeAll(async () => {
    db = await createTestDatabase('outage');
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    server = await startServer({ env: { DATABASE_URL: viaProxy(db.url, proxy.port), RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' } });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 storage_unavailable while the database is gone and recovers by itself, stream included', async () => {
    const user = await DirectLineClient.start(server.url);
    await user.connect();
    await user.waitFor((a) => a.from?.role === 'bot');
    await user.turn({ text: 'hallo' });

    proxy.cut();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    const post = await fetch(`${server.url}/v3/directline/conversations/${user.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'ben je er nog?' }),
    });
    expect(post.status).toBe(503);
    expect(await post.json()).toEqual({ error: { code: 'storage_unavailable', message: expect.any(String) } });
    const start = await fetch(`${server.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(start.status).toBe(503);
    expect(server.exitCode).toBeNull();

    proxy.restore();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await fetch(`${server.url}/healthz`)).status;
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
    // Give the bus a moment to LISTEN again, then a turn must come back on the stream that stayed open.
    await sleep(1_000);
    const after = await user.turn({ text: 'ja' }, { timeoutMs: 10_000 });
    expect(after.replies.length).toBeGreaterThan(0);
    const log = (await user.poll('0')).activities;
    expect(log.map((a) => a.id)).toEqual(log.map((_, i) => `${user.conversationId}|${i + 1}`));
    expect(log.filter((a) => a.text === 'ben je er nog?')).toHaveLength(0);
    user.close();
  }, 90_000);
});
