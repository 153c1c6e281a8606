// The staff API over HTTP: sign-in, sessions (expiry, fixation), CSRF, throttling, the claim race, messages, notes, presence, audit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/bot/i18n.js';
import { testContext, type TestContext } from '../handoff/testContext.js';
import { PASSWORD, StaffClient, addAccount, startStaffApp, type StaffApp } from './staffApp.js';

const nl = translator('nl', false);
let ctx: TestContext;
let app: StaffApp;

beforeEach(async () => {
  ctx = testContext();
  app = await startStaffApp(ctx);
  await addAccount(ctx, 'anna');
  await addAccount(ctx, 'bram');
});
afterEach(async () => {
  await app.close();
});

async function queuedConversation(id = 'conv-1') {
  await ctx.store.createConversation(id, ctx.clock().getTime());
  await ctx.store.appendActivity(id, { type: 'message', from: { id: 'u', role: 'user' }, text: 'ik wil iemand spreken' }, ctx.clock().getTime());
  await ctx.store.setPresence({ staffName: 'anna', status: 'online', updatedAt: ctx.clock().getTime() });
  expect(await app.handoff.requestHuman(id, 'user_asked')).toEqual({ accepted: true });
  return id;
}

describe('sign-in', () => {
  it('answers a CSRF token and an HttpOnly, SameSite=Strict cookie on /staff', async () => {
    const client = new StaffClient(app.url);
    const res = await client.login('anna');
    expect(res.status).toBe(200);
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hw_staff=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/staff/);
    expect(cookie).not.toMatch(/Secure/); // plain http in the test
    // Only the hash of the cookie value is stored.
    const raw = client.cookie!.split('=')[1];
    expect(await ctx.store.getSession(raw)).toBeNull();
  });

  it('wrong password and unknown name get the same 401 answer', async () => {
    const a = await new StaffClient(app.url).login('anna', 'wrong password!');
    const b = await new StaffClient(app.url).login('nobody', PASSWORD);
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
    expect(a.body).toEqual({ error: { code: 'invalid_credentials', message: 'wrong name or password' } });
    expect(a.headers.get('set-cookie')).toBeNull();
  });

  it('unknown names take about as long as wrong passwords (a dummy hash is checked)', async () => {
    const time = async (name: string) => {
      const start = performance.now();
      await new StaffClient(app.url).login(name, 'wrong password!');
      return performance.now() - start;
    };
    await time('anna'); // warm up the dummy hash
    const known = await time('bram');
    const unknown = await time('zoe');
    expect(unknown).toBeGreaterThan(known * 0.3);
  });

  it('a bad body is a 400 naming the field', async () => {
    const res = await new StaffClient(app.url).call('POST', '/staff/api/login', { name: 'anna' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/password/);
  });

  it('brute force is throttled per account name with 429 and Retry-After', async () => {
    const client = new StaffClient(app.url);
    for (let i = 0; i < 5; i++) expect((await client.login('anna', `guess-number-${i}`)).status).toBe(401);
    const blocked = await client.login('anna'); // even the right password waits
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    ctx.advance(15 * 60 * 1000 + 1000);
    expect((await client.login('anna')).status).toBe(200);
  });

  it('the audit log has sign-ins and failures, never an unknown name', async () => {
    await new StaffClient(app.url).login('anna');
    await new StaffClient(app.url).login('anna', 'nope-nope-nope');
    await new StaffClient(app.url).login('my-password-typed-here', PASSWORD);
    const client = new StaffClient(app.url);
    await client.login('bram');
    const audit = (await client.call('GET', '/staff/api/audit')).body as Array<{ actor: string; action: string }>;
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual(expect.arrayContaining(['anna:sign_in', 'anna:sign_in_failed', 'unknown:sign_in_failed', 'bram:sign_in']));
    expect(JSON.stringify(audit)).not.toContain('my-password');
  });
});

describe('sessions and CSRF', () => {
  it.each([
    ['GET', '/staff/api/conversations'],
    ['GET', '/staff/api/audit'],
    ['POST', '/staff/api/conversations/x/claim'],
    ['PUT', '/staff/api/presence'],
    ['POST', '/staff/api/logout'],
    ['GET', '/staff/api/no-such-call'],
  ])('%s %s without a session: 401 JSON', async (method, path) => {
    const res = await new StaffClient(app.url).call(method, path, method === 'GET' ? undefined : {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('state-changing calls need the x-csrf-token (403 without or wrong)', async () => {
    const client = new StaffClient(app.url);
    await client.login('anna');
    const token = client.csrf!;
    client.csrf = undefined;
    expect((await client.call('PUT', '/staff/api/presence', { status: 'online' })).status).toBe(403);
    expect((await client.call('PUT', '/staff/api/presence', { status: 'online' }, { 'x-csrf-token': 'x'.repeat(token.length) })).body.error.code).toBe('csrf');
    client.csrf = token;
    expect((await client.call('PUT', '/staff/api/presence', { status: 'online' })).status).toBe(200);
  });

  it('session fixation: a cookie from before sign-in is not accepted after it; each sign-in gets a new id', async () => {
    const attacker = new StaffClient(app.url);
    await attacker.login('bram');
    const planted = attacker.cookie!;
    const victim = new StaffClient(app.url);
    victim.cookie = planted;
    await victim.login('anna');
    expect(victim.cookie).not.toBe(planted);
    // The planted session was ended by the new sign-in.
    expect((await attacker.call('GET', '/staff/api/conversations')).status).toBe(401);
    const again = new StaffClient(app.url);
    await again.login('anna');
    expect(again.cookie).not.toBe(victim.cookie);
    expect((await victim.call('GET', '/staff/api/session')).body.name).toBe('anna');
  });

  it('a session idle for 30 minutes ends mid-chat: the next call is 401', async () => {
    const id = await queuedConversation();
    const client = new StaffClient(app.url);
    await client.login('anna');
    expect((await client.call('POST', `/staff/api/conversations/${id}/claim`)).status).toBe(200);
    ctx.advance(29 * 60 * 1000);
    expect((await client.call('POST', `/staff/api/conversations/${id}/messages`, { text: 'Ben je er nog?' })).status).toBe(201);
    ctx.advance(31 * 60 * 1000);
    const res = await client.call('POST', `/staff/api/conversations/${id}/messages`, { text: 'Hallo?' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('no session outlives 8 hours, however busy', async () => {
    const client = new StaffClient(app.url);
    await client.login('anna');
    for (let i = 0; i < 17; i++) {
      ctx.advance(28 * 60 * 1000);
      expect((await client.call('GET', '/staff/api/conversations')).status).toBe(200);
    }
    ctx.advance(28 * 60 * 1000); // 8 h 24 min after sign-in
    expect((await client.call('GET', '/staff/api/conversations')).status).toBe(401);
  });

  it('logout ends the session and marks the staff member offline', async () => {
    const client = new StaffClient(app.url);
    await client.login('anna');
    await client.call('PUT', '/staff/api/presence', { status: 'online' });
    expect(await app.handoff.staffAvailable()).toBe(true);
    expect((await client.call('POST', '/staff/api/logout')).status).toBe(200);
    expect(await app.handoff.staffAvailable()).toBe(false);
    expect((await client.call('GET', '/staff/api/conversations')).status).toBe(401);
  });
});

describe('queue and takeover', () => {
  it('lists urgent first, then longest waiting', async () => {
    await queuedConversation('c-wait-long');
    ctx.advance(60_000);
    await queuedConversation('c-wait-short');
    await ctx.store.createConversation('c-urgent', ctx.clock().getTime());
    const urgent = await ctx.store.getConversation('c-urgent');
    await ctx.store.updateConversation('c-urgent', urgent!.version, { urgent: true, signals: ['weapon'] });
    const client = new StaffClient(app.url);
    await client.login('anna');
    const res = await client.call('GET', '/staff/api/conversations');
    expect(res.body.map((c: { id: string }) => c.id)).toEqual(['c-urgent', 'c-wait-long', 'c-wait-short']);
    expect(res.body[1]).toMatchObject({ mode: 'queued', urgent: false, signals: [], waitingSince: new Date(ctx.clock().getTime() - 60_000).toISOString() });
    expect(res.body[0]).not.toHaveProperty('waitingSince');
  });

  it('two staff claim at once: exactly one 200, the other 409 with a clear message', async () => {
    const id = await queuedConversation();
    const anna = new StaffClient(app.url);
    const bram = new StaffClient(app.url);
    await anna.login('anna');
    await bram.login('bram');
    const results = await Promise.all([anna.call('POST', `/staff/api/conversations/${id}/claim`), bram.call('POST', `/staff/api/conversations/${id}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    const winner = results.find((r) => r.status === 200)!;
    expect(loser.body.error.message).toContain(`already taken over by ${winner.body.assignedTo}`);
  });

  it('messages only from the holder (403 otherwise); notes private; hand back; transcript', async () => {
    const id = await queuedConversation();
    const anna = new StaffClient(app.url);
    const bram = new StaffClient(app.url);
    await anna.login('anna');
    await bram.login('bram');
    await anna.call('POST', `/staff/api/conversations/${id}/claim`);
    expect((await bram.call('POST', `/staff/api/conversations/${id}/messages`, { text: 'hoi' })).status).toBe(403);
    expect((await anna.call('POST', `/staff/api/conversations/${id}/messages`, { text: '' })).status).toBe(400);
    expect((await anna.call('POST', `/staff/api/conversations/${id}/messages`, { text: 'Hoi, ik ben Anna.' })).status).toBe(201);
    expect((await bram.call('POST', `/staff/api/conversations/${id}/notes`, { text: 'prive notitie' })).status).toBe(201);
    expect((await bram.call('POST', `/staff/api/conversations/${id}/release`)).status).toBe(403);
    expect((await anna.call('POST', `/staff/api/conversations/${id}/release`)).status).toBe(200);
    const transcript = (await bram.call('GET', `/staff/api/conversations/${id}/activities`)).body;
    const texts = transcript.activities.filter((e: { kind: string }) => e.kind === 'message').map((e: { sender: string; text: string }) => `${e.sender}:${e.text}`);
    expect(texts).toEqual([
      'user:ik wil iemand spreken',
      `bot:${nl('handoff:queued')}`,
      `bot:${nl('handoff:joined', { name: 'Anna' })}`,
      'staff:Hoi, ik ben Anna.',
      `bot:${nl('handoff:left', { name: 'Anna' })}`,
      `bot:${nl('handoff:botBack')}`,
    ]);
    expect(JSON.stringify(transcript)).not.toContain('prive notitie');
    const detail = (await bram.call('GET', `/staff/api/conversations/${id}`)).body;
    expect(detail.notes).toHaveLength(1);
    const audit = (await anna.call('GET', '/staff/api/audit')).body as Array<{ action: string; conversationId: string | null }>;
    expect(audit.filter((a) => a.conversationId === id).map((a) => a.action).sort()).toEqual(['claim', 'message', 'note', 'release']);
    expect(JSON.stringify(audit)).not.toContain('Hoi, ik ben');
  });

  it('404 for an unknown conversation; 409 when releasing a conversation nobody holds', async () => {
    const id = await queuedConversation();
    const anna = new StaffClient(app.url);
    await anna.login('anna');
    expect((await anna.call('POST', '/staff/api/conversations/nope/claim')).status).toBe(404);
    expect((await anna.call('POST', `/staff/api/conversations/${id}/release`)).status).toBe(409);
  });

  it('presence away with nobody else online sends waiting users back to the bot', async () => {
    const id = await queuedConversation();
    const anna = new StaffClient(app.url);
    await anna.login('anna');
    const res = await anna.call('PUT', '/staff/api/presence', { status: 'away' });
    expect(res.body).toEqual({ status: 'away', staffAvailable: false });
    expect((await ctx.store.getConversation(id))?.mode).toBe('bot');
    expect((await anna.call('PUT', '/staff/api/presence', { status: 'busy' })).status).toBe(400);
  });
});

describe('console page', () => {
  it('GET /staff serves the page with its script from our own origin, no inline script', async () => {
    const res = await fetch(`${app.url}/staff`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="/staff/console.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(html).not.toMatch(/\son\w+="/); // no inline event handlers either
    expect((await fetch(`${app.url}/staff/console.js`)).status).toBe(200);
    expect((await fetch(`${app.url}/staff/console.css`)).headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('presence while holding a conversation', () => {
  it('claiming without being online marks the staff member away (present, not free), so the sweep keeps the chat', async () => {
    const id = await queuedConversation();
    const bram = new StaffClient(app.url);
    await bram.login('bram');
    expect((await bram.call('POST', `/staff/api/conversations/${id}/claim`)).status).toBe(200);
    expect((await bram.call('GET', '/staff/api/session')).body.presence).toBe('away');
    expect(await app.handoff.sweepQueue()).toBe(0);
    expect((await ctx.store.getConversation(id))?.mode).toBe('agent');
  });
});
