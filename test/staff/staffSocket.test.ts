// /staff/ws: refused without a session or from another origin; pushes the queue and a watched transcript; closes when the session ends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testContext, type TestContext } from '../handoff/testContext.js';
import { StaffClient, addAccount, startStaffApp, type StaffApp } from './staffApp.js';

let ctx: TestContext;
let app: StaffApp;

beforeEach(async () => {
  ctx = testContext();
  app = await startStaffApp(ctx, { sessionTimes: { absoluteMs: 8 * 3600_000, idleMs: 30 * 60_000 } });
  await addAccount(ctx, 'anna');
});
afterEach(async () => {
  await app.close();
});

function open(cookie: string | undefined, origin = app.url): Promise<{ ws: WebSocket; messages: any[]; next: (type: string) => Promise<any>; closed: Promise<number> }> {
  const ws = new WebSocket(app.url.replace('http', 'ws') + '/staff/ws', { headers: { ...(cookie ? { cookie } : {}), origin } });
  const messages: any[] = [];
  const waiters: Array<{ type: string; resolve: (m: any) => void }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    messages.push(message);
    for (const w of waiters.filter((x) => x.type === message.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(message);
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ ws, messages, closed, next: (type) => new Promise((r) => waiters.push({ type, resolve: r })) }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('/staff/ws', () => {
  it('refuses an upgrade without a session (401) and from another origin (403)', async () => {
    await expect(open(undefined)).rejects.toThrow('HTTP 401');
    const client = new StaffClient(app.url);
    await client.login('anna');
    await expect(open(client.cookie, 'https://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('pushes the queue on connect and on changes, and the transcript of a watched conversation', async () => {
    const client = new StaffClient(app.url);
    await client.login('anna');
    const first = await open(client.cookie).then(async (s) => ({ s, queue: await s.next('queue') }));
    expect(first.queue.conversations).toEqual([]);
    await ctx.store.createConversation('c1', ctx.clock().getTime());
    await ctx.store.appendActivity('c1', { type: 'message', from: { id: 'u', role: 'user' }, text: 'hallo daar' }, ctx.clock().getTime());
    const updated = first.s.next('queue');
    await client.call('POST', '/staff/api/conversations/c1/watch');
    expect((await updated).conversations[0]).toMatchObject({ id: 'c1', mode: 'monitor', assignedTo: 'anna' });
    first.s.ws.send(JSON.stringify({ type: 'watch', conversationId: 'c1' }));
    const transcript = await first.s.next('activities');
    expect(transcript.activities.map((e: any) => e.text ?? e.event)).toContain('hallo daar');
    const more = first.s.next('activities');
    await ctx.store.appendActivity('c1', { type: 'message', from: { id: 'u', role: 'user' }, text: 'nog iets' }, ctx.clock().getTime());
    await ctx.bus.publish('activity', 'c1');
    expect((await more).activities).toEqual([expect.objectContaining({ sender: 'user', text: 'nog iets' })]);
    first.s.ws.close();
  });

  it('closes with 4401 when the session ends', async () => {
    const client = new StaffClient(app.url);
    await client.login('anna');
    const s = await open(client.cookie);
    await client.call('POST', '/staff/api/logout');
    expect(await s.closed).toBe(4401);
  });
});
