// Slow or stuck clients (half-sent bodies, a stream that never reads, a trickled header) never hold up other conversations.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLineClient } from './directLineClient.js';
import { startServer, type ServerHandle } from './serverProcess.js';

let server: ServerHandle;
let dataDir: string;
const stuck: net.Socket[] = [];

/** A raw TCP connection to the server (no HTTP client in between, so nothing reads or finishes for us). */
async function rawSocket(): Promise<net.Socket> {
  const socket = net.connect(server.port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  stuck.push(socket);
  return socket;
}

/** The p99-ish of a few turns on a healthy conversation, ms. */
async function healthyTurnMs(): Promise<number> {
  const client = await DirectLineClient.start(server.url);
  await client.connect();
  await client.waitFor((a) => a.from?.role === 'bot');
  let worst = 0;
  for (const text of ['hallo', 'ja', 'weet ik niet']) worst = Math.max(worst, (await client.turn({ text }, { timeoutMs: 5_000 })).latencyMs);
  client.close();
  return worst;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-slow-'));
  server = await startServer({ env: { DATA_DIR: dataDir, RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' } });
}, 60_000);

afterAll(async () => {
  for (const socket of stuck) socket.destroy();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('slow and stuck clients (real server process)', () => {
  it('keeps answering others while 100 requests hang with half-sent bodies and 20 headers trickle in', async () => {
    const victim = await DirectLineClient.start(server.url);
    for (let i = 0; i < 100; i++) {
      const socket = await rawSocket();
      socket.write(
        `POST /v3/directline/conversations/${victim.conversationId}/activities HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Authorization: Bearer ${victim.token}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"type":"message","text":"`,
      );
    }
    for (let i = 0; i < 20; i++) (await rawSocket()).write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(await healthyTurnMs()).toBeLessThan(3_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('keeps answering others while a stream client never reads what it is sent', async () => {
    const target = await DirectLineClient.start(server.url);
    // Upgrade by hand and then never read: the server's writes pile up in its socket buffer.
    const socket = await rawSocket();
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET /v3/directline/conversations/${target.conversationId}/stream?t=${encodeURIComponent(target.token)} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    // Make the stuck stream's conversation busy: many messages, each answered by the bot.
    const big = 'ik weet niet goed wat ik moet doen '.repeat(400);
    await Promise.all(Array.from({ length: 60 }, () => target.post({ type: 'message', text: big })));
    expect(await healthyTurnMs()).toBeLessThan(3_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The conversation itself is unharmed: a normal client on it gets its log.
    const { activities } = await target.poll('0');
    expect(activities.filter((a) => a.from?.role !== 'bot' && a.type === 'message').length).toBe(60);
  }, 90_000);
});
