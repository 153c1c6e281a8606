// The WebSocket stream on its own: who may open it, replay from a watermark, and ordered, duplicate-free pushes under load.
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Bus, BusTopic } from '../../src/storage/store.js';
import { appendAndPublish, BOT_ACCOUNT } from '../../src/channel/index.js';
import { call, startConversation, startTestServer, waitFor, type TestServer } from '../server/testServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

interface Frame {
  activities: { id: string; text?: string }[];
  watermark: string;
}

function open(url: string): Promise<{ socket: WebSocket; frames: Frame[]; ids: () => string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const frames: Frame[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
    socket.once('open', () => resolve({ socket, frames, ids: () => frames.flatMap((f) => f.activities.map((a) => a.id)) }));
    socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error('refused'), { status: res.statusCode })));
    socket.once('error', reject);
  });
}

const wsBase = () => t.base.replace('http://', 'ws://');

describe('opening a stream', () => {
  it('needs a valid token for that very conversation', async () => {
    const a = await startConversation(t.base);
    const b = await startConversation(t.base);
    const path = `/v3/directline/conversations/${a.conversationId}/stream`;
    await expect(open(`${wsBase()}${path}`)).rejects.toMatchObject({ status: 401 });
    await expect(open(`${wsBase()}${path}?t=garbage`)).rejects.toMatchObject({ status: 401 });
    await expect(open(`${wsBase()}${path}?t=${encodeURIComponent(b.token)}`)).rejects.toMatchObject({ status: 403 });
    await expect(open(`${wsBase()}/v3/directline/conversations/unknown/stream?t=${encodeURIComponent(a.token)}`)).rejects.toMatchObject({ status: 403 });
    await expect(open(`${wsBase()}/somewhere/else`)).rejects.toMatchObject({ status: 404 });
    const ok = await open(a.streamUrl);
    ok.socket.close();
  });

  it('answers 404 for a token whose conversation was never started', async () => {
    const generated = await call(t.base, 'POST', '/v3/directline/tokens/generate');
    const url = `${wsBase()}/v3/directline/conversations/${generated.body.conversationId}/stream?t=${encodeURIComponent(generated.body.token)}`;
    await expect(open(url)).rejects.toMatchObject({ status: 404 });
  });
});

describe('pushing activities', () => {
  it('replays from the watermark and then pushes new activities once each', async () => {
    const { conversationId, token } = await startConversation(t.base);
    for (const text of ['een', 'twee', 'drie']) await appendAndPublish(t.ctx, conversationId, { type: 'message', text, from: { ...BOT_ACCOUNT } });
    await waitFor(() => t.ctx.store.listActivities(conversationId, 0), (list) => list.length === 4);

    const reconnect = await call(t.base, 'GET', `/v3/directline/conversations/${conversationId}?watermark=2`, { token });
    const stream = await open(reconnect.body.streamUrl);
    await waitFor(() => stream.ids(), (ids) => ids.length === 2);
    expect(stream.ids()).toEqual([`${conversationId}|3`, `${conversationId}|4`]);
    expect(stream.frames.at(-1)!.watermark).toBe('4');

    await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'vier' } });
    await waitFor(() => stream.ids(), (ids) => ids.length === 4);
    expect(stream.frames.flatMap((f) => f.activities.map((a) => a.text))).toEqual(['twee', 'drie', 'vier', 'echo: vier']);
    stream.socket.close();
  });

  it('delivers every activity exactly once, in order, to every open stream while many are appended at once', async () => {
    const { conversationId, streamUrl } = await startConversation(t.base);
    const first = await open(streamUrl);
    const second = await open(streamUrl);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => appendAndPublish(t.ctx, conversationId, { type: 'message', text: `m${i}`, from: { ...BOT_ACCOUNT } })),
    );
    const expected = (await t.ctx.store.listActivities(conversationId, 0)).map((a) => a.activity.id);
    expect(expected).toHaveLength(101);
    for (const stream of [first, second]) {
      await waitFor(() => stream.ids(), (ids) => ids.length >= 101);
      expect(stream.ids()).toEqual(expected);
      stream.socket.close();
    }
  });

  it('ignores the empty keepalive messages Direct Line clients send and stays open', async () => {
    const { conversationId, streamUrl, token } = await startConversation(t.base);
    const stream = await open(streamUrl);
    stream.socket.send('');
    stream.socket.send('');
    await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'nog open?' } });
    await waitFor(() => stream.ids(), (ids) => ids.length === 3);
    expect(stream.socket.readyState).toBe(WebSocket.OPEN);
    stream.socket.close();
  });
});

describe('keepalive', () => {
  it('closes a socket that stops answering pings', async () => {
    const local = await startTestServer({ deps: { stream: { keepaliveMs: 50 } } });
    try {
      const { streamUrl } = await startConversation(local.base);
      const stream = await open(streamUrl);
      // ws answers pings automatically; pausing the socket stops it reading them, like a dead network.
      (stream.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      await waitFor(() => local.server.channel.streams.size, (n) => n === 0, 3000);
    } finally {
      await local.close();
    }
  });
});

/** A bus as PgBus behaves: local publishes at once, and events "from another instance" marked remote. */
class SharedBus implements Bus {
  readonly flagsRemote = true;
  private readonly emitter = new EventEmitter();
  async publish(topic: BusTopic, id: string): Promise<void> {
    this.emitter.emit(topic, id);
  }
  fromOtherInstance(topic: BusTopic, id: string): void {
    this.emitter.emit(topic, id, true);
  }
  subscribe(topic: BusTopic, handler: (id: string, remote?: boolean) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

describe('pushing with a bus that spans instances', () => {
  const bus = new SharedBus();
  let shared: TestServer;
  beforeAll(async () => {
    shared = await startTestServer({ bus });
  });
  afterAll(async () => {
    await shared.close();
  });

  /** What another instance does: append to the shared log (this process never sees the activity) and notify. */
  const appendElsewhere = async (conversationId: string, text: string) => {
    await shared.ctx.store.appendActivity(conversationId, { type: 'message', text, from: { ...BOT_ACCOUNT } }, Date.now());
    bus.fromOtherInstance('activity', conversationId);
  };
  const texts = (frames: Frame[]) => frames.flatMap((f) => f.activities.map((a) => a.text));

  it("pushes another instance's append that follows this process's last one, from the store", async () => {
    const { conversationId, streamUrl } = await startConversation(shared.base);
    const stream = await open(streamUrl);
    await appendAndPublish(shared.ctx, conversationId, { type: 'message', text: 'here', from: { ...BOT_ACCOUNT } });
    await waitFor(() => texts(stream.frames), (seen) => seen.includes('here'));
    await appendElsewhere(conversationId, 'elsewhere');
    // Nothing of this process comes after it: only the remote mark sends the stream to the store.
    await waitFor(() => texts(stream.frames), (seen) => seen.includes('elsewhere'));
    await appendAndPublish(shared.ctx, conversationId, { type: 'message', text: 'here again', from: { ...BOT_ACCOUNT } });
    await waitFor(() => texts(stream.frames), (seen) => seen.includes('here again'));
    expect(texts(stream.frames)).toEqual(['welcome', 'here', 'elsewhere', 'here again']);
    stream.socket.close();
  });

  it("replays a new stream from the store, although this process's memory holds only its own appends", async () => {
    const { conversationId, token } = await startConversation(shared.base);
    await appendAndPublish(shared.ctx, conversationId, { type: 'message', text: 'here', from: { ...BOT_ACCOUNT } });
    await appendElsewhere(conversationId, 'elsewhere');
    const reconnect = await call(shared.base, 'GET', `/v3/directline/conversations/${conversationId}?watermark=2`, { token });
    const stream = await open(reconnect.body.streamUrl);
    await waitFor(() => texts(stream.frames), (seen) => seen.length === 1);
    expect(texts(stream.frames)).toEqual(['elsewhere']);
    stream.socket.close();
  });
});
