// The official botframework-directlinejs client talks to our facade in polling and WebSocket mode, including a reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';
import { appendAndPublish, BOT_ACCOUNT } from '../../src/channel/index.js';
import { call, startTestServer, waitFor, type TestServer } from '../server/testServer.js';

// The client expects browser globals; they must exist before the library module is evaluated.
(globalThis as Record<string, unknown>).XMLHttpRequest = XMLHttpRequest;
(globalThis as Record<string, unknown>).WebSocket = WebSocket;
const { DirectLine, ConnectionStatus } = await import('botframework-directlinejs');

type Received = { id?: string; type: string; text?: string; from: { role?: string } };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function connect(options: { webSocket: boolean }) {
  const generated = await call(t.base, 'POST', '/v3/directline/tokens/generate');
  const client = new DirectLine({
    token: generated.body.token,
    domain: `${t.base}/v3/directline`,
    webSocket: options.webSocket,
    pollingInterval: 200,
    // The library waits 3-15 s (3 s + random * 12 s) before reconnecting; random 0 keeps tests at 3 s.
    random: () => 0,
  } as ConstructorParameters<typeof DirectLine>[0]);
  const received: Received[] = [];
  const subscription = client.activity$.subscribe((a) => received.push(a as unknown as Received));
  const post = (text: string) =>
    new Promise<string>((resolve, reject) => {
      client.postActivity({ type: 'message', text, from: { id: 'spoof', role: 'bot' } } as never).subscribe({ next: resolve, error: reject });
    });
  const end = () => {
    subscription.unsubscribe();
    client.end();
  };
  return { client, received, post, end, conversationId: generated.body.conversationId as string };
}

const texts = (received: Received[]) => received.map((a) => `${a.from.role}:${a.text}`);

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('botframework-directlinejs in %s mode', (_mode, webSocket) => {
  it('completes a conversation: welcome, two messages, two answers, in order', async () => {
    const dl = await connect({ webSocket });
    try {
      await waitFor(() => dl.received, (r) => r.length >= 1, 8000);
      expect((dl.client as unknown as { conversationId: string }).conversationId).toBe(dl.conversationId);
      const firstId = await dl.post('eerste bericht');
      expect(firstId).toBe(`${dl.conversationId}|2`);
      await waitFor(() => dl.received, (r) => r.some((a) => a.text === 'echo: eerste bericht'), 8000);
      await dl.post('tweede bericht');
      await waitFor(() => dl.received, (r) => r.some((a) => a.text === 'echo: tweede bericht'), 8000);
      expect(texts(dl.received)).toEqual([
        'bot:welcome',
        'user:eerste bericht',
        'bot:echo: eerste bericht',
        'user:tweede bericht',
        'bot:echo: tweede bericht',
      ]);
      expect(new Set(dl.received.map((a) => a.id)).size).toBe(5);
      expect(dl.client.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    } finally {
      dl.end();
    }
  });
});

describe('reconnecting after a dropped WebSocket', () => {
  it('replays what was logged while disconnected, with no loss and no duplicates', async () => {
    const dl = await connect({ webSocket: true });
    try {
      await waitFor(() => dl.received, (r) => r.length >= 1, 8000);
      await dl.post('voor de onderbreking');
      await waitFor(() => dl.received, (r) => r.length >= 3, 8000);
      await waitFor(() => t.server.channel.streams.size, (n) => n >= 1);

      t.server.channel.streams.disconnect(dl.conversationId);
      // While the socket is down the bot keeps talking (e.g. a staff member or a proactive message).
      for (const text of ['tijdens 1', 'tijdens 2', 'tijdens 3']) {
        await appendAndPublish(t.ctx, dl.conversationId, { type: 'message', text, from: { ...BOT_ACCOUNT } });
      }
      await waitFor(() => dl.received, (r) => r.some((a) => a.text === 'tijdens 3'), 20_000);
      await dl.post('na de onderbreking');
      await waitFor(() => dl.received, (r) => r.some((a) => a.text === 'echo: na de onderbreking'), 8000);

      const ids = dl.received.map((a) => a.id);
      const logged = (await t.ctx.store.listActivities(dl.conversationId, 0)).map((a) => a.activity.id);
      expect(ids).toEqual(logged);
      expect(new Set(ids).size).toBe(ids.length);
      expect(texts(dl.received)).toEqual([
        'bot:welcome',
        'user:voor de onderbreking',
        'bot:echo: voor de onderbreking',
        'bot:tijdens 1',
        'bot:tijdens 2',
        'bot:tijdens 3',
        'user:na de onderbreking',
        'bot:echo: na de onderbreking',
      ]);
    } finally {
      dl.end();
    }
  }, 40_000);
});
