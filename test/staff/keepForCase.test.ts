// Keep for an open case over HTTP: POST /staff/api/conversations/:id/keep (auth, CSRF, body, holder, race), its audit, and retention end to end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite.js';
import { startRetentionJob } from '../../src/storage/retentionJob.js';
import { testContext, type TestContext } from '../handoff/testContext.js';
import { StaffClient, addAccount, startStaffApp, type StaffApp } from './staffApp.js';

const HOUR = 3_600_000;
let ctx: TestContext;
let app: StaffApp;
let anna: StaffClient;
let bram: StaffClient;

async function start(context: TestContext): Promise<void> {
  ctx = context;
  app = await startStaffApp(ctx);
  await addAccount(ctx, 'anna');
  await addAccount(ctx, 'bram');
  anna = new StaffClient(app.url);
  bram = new StaffClient(app.url);
  await anna.login('anna');
  await bram.login('bram');
}

async function conversation(id: string): Promise<string> {
  await ctx.store.createConversation(id, ctx.clock().getTime());
  await ctx.store.appendActivity(id, { type: 'message', from: { id: 'u', role: 'user' }, text: 'mijn vriend slaat me' }, ctx.clock().getTime());
  return id;
}

const keep = (client: StaffClient, id: string, body: unknown) => client.call('POST', `/staff/api/conversations/${encodeURIComponent(id)}/keep`, body);
// listAudit is newest first; these read oldest first.
const auditOf = async (id: string) => (await ctx.store.listAudit(1000)).reverse().filter((a) => a.conversationId === id).map((a) => `${a.actor}:${a.action}`);

describe('POST /staff/api/conversations/:id/keep', () => {
  beforeEach(() => start(testContext()));
  afterEach(() => app.close());

  it('keeps and stops keeping; the queue shows it; audited as keep/unkeep; consoles are told', async () => {
    const id = await conversation('c-keep');
    const told: string[] = [];
    ctx.bus.subscribe('conversation', (cid) => told.push(cid));

    const kept = await keep(anna, id, { keep: true });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ id, mode: 'bot', keep: true });
    expect((await ctx.store.getConversation(id))?.keep).toBe(true);
    expect((await anna.call('GET', '/staff/api/conversations')).body).toEqual([expect.objectContaining({ id, keep: true })]);
    expect((await anna.call('GET', `/staff/api/conversations/${id}`)).body.conversation.keep).toBe(true);
    expect(told).toEqual([id]);

    // Asking for the value it already has writes nothing.
    expect((await keep(anna, id, { keep: true })).status).toBe(200);
    expect(await auditOf(id)).toEqual(['anna:keep']);

    const unkept = await keep(anna, id, { keep: false });
    expect(unkept.status).toBe(200);
    expect(unkept.body.keep).toBe(false);
    expect((await ctx.store.getConversation(id))?.keep).toBe(false);
    expect((await anna.call('GET', '/staff/api/conversations')).body[0].keep).toBe(false);
    expect(await auditOf(id)).toEqual(['anna:keep', 'anna:unkeep']);
    expect(told).toEqual([id, id]);
    // The audit API shows it to staff, without any message text.
    const audit = (await anna.call('GET', '/staff/api/audit')).body as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['keep', 'unkeep']));
    expect(JSON.stringify(audit)).not.toContain('slaat');
  });

  it('401 without a session, 403 without the CSRF token; nothing changes', async () => {
    const id = await conversation('c-auth');
    const stranger = await keep(new StaffClient(app.url), id, { keep: true });
    expect(stranger.status).toBe(401);
    expect(stranger.body.error.code).toBe('unauthenticated');
    const token = anna.csrf;
    anna.csrf = undefined;
    const noCsrf = await keep(anna, id, { keep: true });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf');
    anna.csrf = token;
    expect((await ctx.store.getConversation(id))?.keep).toBe(false);
    expect(await auditOf(id)).toEqual([]);
  });

  it.each([
    [{}, /body: keep: /],
    [{ keep: 'yes' }, /body: keep: /],
    [{ keep: 1 }, /body: keep: /],
    [{ keep: null }, /body: keep: /],
    [{ keep: true, reason: 'zaak 12' }, /body: reason: unknown field/],
    [[true], /body: /],
  ])('a bad body %j is a 400 naming the field', async (body, message) => {
    const id = await conversation('c-body');
    const res = await keep(anna, id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.message).toMatch(message);
    expect((await ctx.store.getConversation(id))?.keep).toBe(false);
  });

  it('a body that is not JSON is a 400', async () => {
    const id = await conversation('c-json');
    const res = await fetch(`${app.url}/staff/api/conversations/${id}/keep`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: anna.cookie!, 'x-csrf-token': anna.csrf! },
      body: '{keep: true',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'invalid_input', message: 'body: not valid JSON' });
  });

  it('404 for an unknown conversation', async () => {
    const res = await keep(anna, 'no-such-conversation', { keep: true });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await ctx.store.listAudit(100)).not.toContainEqual(expect.objectContaining({ action: 'keep' }));
  });

  it('while someone holds or watches the conversation only they may change it (403 not_holder for others)', async () => {
    const id = await conversation('c-held');
    await ctx.store.setPresence({ staffName: 'anna', status: 'online', updatedAt: ctx.clock().getTime() });
    expect(await app.handoff.requestHuman(id, 'user_asked')).toEqual({ accepted: true });
    expect((await anna.call('POST', `/staff/api/conversations/${id}/claim`)).status).toBe(200);

    const other = await keep(bram, id, { keep: true });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_holder');
    expect(other.body.error.message).toContain('anna');
    expect((await ctx.store.getConversation(id))?.keep).toBe(false);
    expect((await keep(anna, id, { keep: true })).status).toBe(200);
    expect((await keep(bram, id, { keep: false })).status).toBe(403);
    expect((await ctx.store.getConversation(id))?.keep).toBe(true);

    // Handed back, nobody holds it: a colleague may close the case.
    expect((await anna.call('POST', `/staff/api/conversations/${id}/release`)).status).toBe(200);
    expect((await keep(bram, id, { keep: false })).status).toBe(200);
    expect((await ctx.store.getConversation(id))?.keep).toBe(false);

    // A watcher holds it as well.
    expect((await bram.call('POST', `/staff/api/conversations/${id}/watch`)).status).toBe(200);
    expect((await keep(anna, id, { keep: true })).status).toBe(403);
    expect((await keep(bram, id, { keep: true })).status).toBe(200);
    expect(await auditOf(id)).toEqual(['anna:claim', 'anna:keep', 'anna:release', 'bram:unkeep', 'bram:watch', 'bram:keep']);
  });

  it('a lost compare-and-set is retried on a fresh read; when it keeps losing the answer is 409', async () => {
    const id = await conversation('c-race');
    const update = ctx.store.updateConversation.bind(ctx.store);
    // Another writer (the bot's signals) gets in between once: the retry still keeps it and keeps the other write.
    let interfere = true;
    ctx.store.updateConversation = async (cid, version, patch) => {
      if (interfere) {
        interfere = false;
        await update(cid, version, { urgent: true });
      }
      return update(cid, version, patch);
    };
    expect((await keep(anna, id, { keep: true })).status).toBe(200);
    expect(await ctx.store.getConversation(id)).toMatchObject({ keep: true, urgent: true });

    ctx.store.updateConversation = async () => null; // always loses
    const busy = await keep(anna, id, { keep: false });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('busy');
    ctx.store.updateConversation = update;
    expect((await ctx.store.getConversation(id))?.keep).toBe(true);
    expect(await auditOf(id)).toEqual(['anna:keep']);
  });
});

describe.each(['memory', 'sqlite'] as const)('retention with keep (%s store, end to end through the route)', (backend) => {
  let dir: string | null = null;
  beforeEach(async () => {
    const base = testContext();
    if (backend === 'sqlite') {
      dir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-keep-'));
      await base.store.close();
      base.store = openSqliteStore(dir, { now: () => base.clock().getTime() });
    }
    await start(base);
  });
  afterEach(async () => {
    await app.close();
    await ctx.store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('a kept conversation survives the retention window, an unkept one is deleted; after unkeep it goes one window later', async () => {
    const kept = await conversation('c-open-case');
    const other = await conversation('c-ordinary');
    expect((await keep(anna, kept, { keep: true })).status).toBe(200);
    const retention = startRetentionJob(ctx, { runAtStart: false });
    try {
      ctx.advance((ctx.config.RETENTION_HOURS + 1) * HOUR);
      const swept = await retention.runOnce();
      expect(swept?.conversations).toBe(1);
      expect(await ctx.store.getConversation(other)).toBeNull();
      expect(await ctx.store.listActivities(other, 0)).toEqual([]);
      expect(await ctx.store.getConversation(kept)).toMatchObject({ keep: true });
      expect(await ctx.store.listActivities(kept, 0)).toHaveLength(1);

      // Much later the case is closed (the old session expired: sign in again).
      ctx.advance(30 * 24 * HOUR);
      await retention.runOnce();
      expect(await ctx.store.getConversation(kept)).not.toBeNull();
      await anna.login('anna');
      expect((await keep(anna, kept, { keep: false })).status).toBe(200);
      // Unkeeping counts as a change: one more retention window to undo a mistaken click, then it is gone.
      ctx.advance((ctx.config.RETENTION_HOURS - 1) * HOUR);
      await retention.runOnce();
      expect(await ctx.store.getConversation(kept)).not.toBeNull();
      ctx.advance(2 * HOUR);
      await retention.runOnce();
      expect(await ctx.store.getConversation(kept)).toBeNull();
      expect(await ctx.store.listActivities(kept, 0)).toEqual([]);
    } finally {
      await retention.stop();
    }
  });
});
