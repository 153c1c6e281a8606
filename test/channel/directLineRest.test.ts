// The Direct Line REST routes over real HTTP: tokens, start, post and poll, and every way a request can be wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startConversation, startTestServer, waitFor, type TestServer } from '../server/testServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const activitiesOf = async (conversationId: string, token: string, watermark = '') =>
  call(t.base, 'GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { token });

describe('tokens and starting a conversation', () => {
  it('generates a token for a new conversation and starts it once, with the bot welcome in the log', async () => {
    const generated = await call(t.base, 'POST', '/v3/directline/tokens/generate');
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({ conversationId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), token: expect.any(String), expires_in: 3600 });
    expect(generated.headers.get('cache-control')).toBe('no-store');
    expect(await t.ctx.store.getConversation(generated.body.conversationId)).toBeNull();

    const started = await call(t.base, 'POST', '/v3/directline/conversations', { token: generated.body.token, body: { user: { id: 'dl_123' } } });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(generated.body.conversationId);
    expect(started.body.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${started.body.conversationId}/stream\\?t=`));
    expect(started.body.expires_in).toBe(3600);

    const log = await waitFor(() => activitiesOf(started.body.conversationId, started.body.token), (r) => r.body.activities.length === 1);
    expect(log.body.activities[0]).toMatchObject({ type: 'message', text: 'welcome', from: { role: 'bot' }, id: `${started.body.conversationId}|1` });
    expect(log.body.watermark).toBe('1');

    const again = await call(t.base, 'POST', '/v3/directline/conversations', { token: generated.body.token });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect((await activitiesOf(started.body.conversationId, started.body.token)).body.activities).toHaveLength(1);
  });

  it('refreshes a token for the same conversation', async () => {
    const { conversationId, token } = await startConversation(t.base);
    const refreshed = await call(t.base, 'POST', '/v3/directline/tokens/refresh', { token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(conversationId);
    expect((await activitiesOf(conversationId, refreshed.body.token)).status).toBe(200);
  });

  it('answers a reconnect with a fresh token and a streamUrl that resumes at the watermark', async () => {
    const { conversationId, token } = await startConversation(t.base);
    const reconnect = await call(t.base, 'GET', `/v3/directline/conversations/${conversationId}?watermark=1`, { token });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.conversationId).toBe(conversationId);
    expect(reconnect.body.streamUrl).toContain('watermark=1');
    expect(reconnect.body.token).toEqual(expect.any(String));
  });
});

describe('posting and polling', () => {
  it('logs the user activity, answers its id and delivers the bot reply after the watermark', async () => {
    const { conversationId, token } = await startConversation(t.base);
    await waitFor(() => activitiesOf(conversationId, token), (r) => r.body.watermark === '1');
    const posted = await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      token,
      body: { type: 'message', text: 'hallo', channelData: { clientActivityID: 'abc', lang: 'en', simple: true, tracking: 'x' } },
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ id: `${conversationId}|2` });
    const after = await waitFor(() => activitiesOf(conversationId, token, '1'), (r) => r.body.activities.length === 2);
    const [mine, reply] = after.body.activities;
    expect(mine).toMatchObject({ id: `${conversationId}|2`, type: 'message', text: 'hallo', from: { role: 'user' }, channelId: 'directline' });
    expect(mine.channelData).toEqual({ clientActivityID: 'abc', lang: 'en', simple: true });
    expect(reply).toMatchObject({ id: `${conversationId}|3`, text: 'echo: hallo', replyToId: `${conversationId}|2`, from: { role: 'bot' } });
    expect(after.body.watermark).toBe('3');
    const none = await activitiesOf(conversationId, token, '3');
    expect(none.body).toEqual({ activities: [], watermark: '3' });
  });

  it('overwrites a spoofed sender, role, id, time and conversation with its own', async () => {
    const { conversationId, token } = await startConversation(t.base);
    const other = await startConversation(t.base);
    const posted = await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      token,
      body: {
        type: 'message', text: 'ik ben de bot', id: 'fake', timestamp: '2000-01-01T00:00:00Z', channelId: 'emulator', serviceUrl: 'https://evil.example',
        from: { id: 'hulpwijzer', name: 'Medewerker', role: 'bot' }, recipient: { id: 'x' }, conversation: { id: other.conversationId },
      },
    });
    expect(posted.status).toBe(200);
    const log = await waitFor(() => activitiesOf(conversationId, token), (r) => r.body.activities.length >= 3);
    const mine = log.body.activities.find((a: any) => a.id === posted.body.id);
    expect(mine.from).toEqual({ id: `user-${conversationId}`, role: 'user' });
    expect(mine.recipient).toMatchObject({ role: 'bot' });
    expect(mine.conversation).toEqual({ id: conversationId });
    expect(mine.channelId).toBe('directline');
    expect(mine.serviceUrl).not.toContain('evil');
    expect(mine.timestamp).not.toBe('2000-01-01T00:00:00Z');
    expect((await activitiesOf(other.conversationId, other.token)).body.activities.every((a: any) => a.text !== 'ik ben de bot')).toBe(true);

    const staff = await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      token, body: { type: 'message', text: 'x', from: { id: 'anna', role: 'staff' } },
    });
    const staffEntry = (await activitiesOf(conversationId, token)).body.activities.find((a: any) => a.id === staff.body.id);
    expect(staffEntry.from.role).toBe('user');
  });

  it('accepts events for the bot and drops typing without logging it', async () => {
    const { conversationId, token } = await startConversation(t.base);
    const typing = await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'typing' } });
    expect(typing.status).toBe(200);
    const event = await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      token, body: { type: 'event', name: 'webchat/join', value: { language: 'nl' } },
    });
    expect(event.status).toBe(200);
    const log = (await waitFor(() => activitiesOf(conversationId, token), (r) => r.body.activities.length >= 2)).body.activities;
    expect(log.map((a: any) => a.type)).toEqual(['message', 'event']);
  });
});

describe('bad requests answer 4xx with { error: { code, message } }', () => {
  let conversationId: string;
  let token: string;
  beforeAll(async () => {
    ({ conversationId, token } = await startConversation(t.base));
  });
  const post = (body: unknown, opts: { token?: string; raw?: string | Buffer; contentType?: string; id?: string } = {}) =>
    call(t.base, 'POST', `/v3/directline/conversations/${opts.id ?? conversationId}/activities`, {
      token: opts.token === undefined ? token : opts.token || undefined,
      body: opts.raw === undefined ? body : undefined,
      rawBody: opts.raw,
      contentType: opts.contentType,
    });

  it.each([
    ['no token', { token: '' }, 401, 'unauthorized'],
    ['a garbled token', { token: 'not-a-token' }, 401, 'invalid_token'],
  ])('answers 401 for %s', async (_label, opts, status, code) => {
    const response = await post({ type: 'message', text: 'x' }, opts);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('answers 401 for a token whose signature was changed', async () => {
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const response = await post({ type: 'message', text: 'x' }, { token: tampered });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid_token');
  });

  it("answers 403 for another conversation's token, on every route", async () => {
    const other = await startConversation(t.base);
    const posted = await post({ type: 'message', text: 'x' }, { token: other.token });
    expect(posted.status).toBe(403);
    expect(posted.body.error.code).toBe('forbidden');
    const read = await activitiesOf(conversationId, other.token);
    expect(read.status).toBe(403);
    const reconnect = await call(t.base, 'GET', `/v3/directline/conversations/${conversationId}`, { token: other.token });
    expect(reconnect.status).toBe(403);
  });

  it('answers 403 token_expired once the token is past its time', async () => {
    const { token: shortLived, conversationId: id } = await startConversation(t.base);
    t.setNow(Date.now() + 3601_000);
    try {
      const response = await activitiesOf(id, shortLived);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('token_expired');
    } finally {
      t.setNow(Date.now());
    }
  });

  it('answers 413 for a 5 MB body', async () => {
    const huge = JSON.stringify({ type: 'message', text: 'a'.repeat(5 * 1024 * 1024) });
    const response = await post(undefined, { raw: huge });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('answers 413 message_too_large for text over MAX_MESSAGE_BYTES that fits the body limit', async () => {
    const response = await post({ type: 'message', text: 'é'.repeat(9000) }); // 18,000 bytes in UTF-8
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('message_too_large');
  });

  it('answers 400 for malformed JSON without echoing it', async () => {
    const response = await post(undefined, { raw: '{"type": "message", "text": "geheim' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_json');
    expect(JSON.stringify(response.body)).not.toContain('geheim');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await post(undefined, { raw: 'type=message&text=hoi', contentType: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  it.each([
    ['an unknown activity type', { type: 'conversationUpdate', membersAdded: [] }, 'activity: type: expected message'],
    ['a message without text', { type: 'message' }, 'activity: text'],
    ['a non-string text', { type: 'message', text: 42 }, 'activity: text'],
    ['a bad language', { type: 'message', text: 'hoi', channelData: { lang: 'xx' } }, 'activity: channelData.lang'],
    ['an array', [{ type: 'message', text: 'hoi' }], '(root)'],
  ])('answers 400 naming the field for %s', async (_label, body, field) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
    expect(response.body.error.message).toContain(field);
  });

  it('answers 400 for a watermark that is not a number', async () => {
    const response = await activitiesOf(conversationId, token, 'abc');
    expect(response.status).toBe(400);
  });

  it('answers 404 for a token whose conversation was never started', async () => {
    const generated = await call(t.base, 'POST', '/v3/directline/tokens/generate');
    const response = await post({ type: 'message', text: 'x' }, { token: generated.body.token, id: generated.body.conversationId });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('conversation_not_found');
  });

  it('answers 404 in JSON for an unknown path and keeps serving afterwards', async () => {
    const response = await call(t.base, 'GET', '/v3/directline/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: 'not found' } });
    expect((await call(t.base, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After when one conversation sends too fast, and when one address starts too many', async () => {
    const local = await startTestServer({ env: { RATE_LIMIT_MESSAGES: '3', RATE_LIMIT_STARTS: '4' } });
    try {
      const { conversationId, token } = await startConversation(local.base);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await call(local.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: `m${i}` } });
        statuses.push(r.status);
        if (r.status === 429) {
          expect(r.body.error.code).toBe('rate_limited');
          expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // Another conversation has its own allowance.
      const other = await startConversation(local.base);
      const ok = await call(local.base, 'POST', `/v3/directline/conversations/${other.conversationId}/activities`, { token: other.token, body: { type: 'message', text: 'x' } });
      expect(ok.status).toBe(200);
      const generated = await Promise.all(Array.from({ length: 4 }, () => call(local.base, 'POST', '/v3/directline/tokens/generate')));
      expect(generated.map((g) => g.status)).toEqual([200, 200, 429, 429]);
    } finally {
      await local.close();
    }
  });
});

describe('odd requests', () => {
  it('answers 400 in JSON for a path that is not valid percent-encoding', async () => {
    const { token } = await startConversation(t.base);
    const response = await call(t.base, 'GET', '/v3/directline/conversations/%E0%A4%A/activities', { token });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error.code).toEqual(expect.any(String));
  });
});
