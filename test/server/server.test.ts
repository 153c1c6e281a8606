// The composed server: health, metrics, the public page's headers, privacy of logs, retention and a restart on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startConversation, startTestServer, waitFor, type TestServer } from './testServer.js';

describe('server basics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz 200 while the store pings', async () => {
    const response = await call(t.base, 'GET', '/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('serves the chat page without a cookie and with strict security headers', async () => {
    const response = await fetch(`${t.base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sets no cookie on any Direct Line call either', async () => {
    const generated = await fetch(`${t.base}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(generated.headers.get('set-cookie')).toBeNull();
  });

  it('counts conversations and turns in /metrics without anything about a person', async () => {
    const { conversationId, token } = await startConversation(t.base);
    await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'metriek-geheim' } });
    const metrics = await fetch(`${t.base}/metrics`);
    const text = await metrics.text();
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/^hulpwijzer_conversations_started_total [1-9]/m);
    expect(text).toMatch(/^hulpwijzer_turns_total [1-9]/m);
    expect(text).toContain('hulpwijzer_urgent_flags_total');
    expect(text).toContain('hulpwijzer_handoffs_total');
    expect(text).not.toContain(conversationId);
    expect(text).not.toContain('metriek-geheim');
  });

  it('writes access lines with method, route pattern, status and time, and never the user text, token, query or address', async () => {
    const secret = 'mijn-partner-slaat-mij-7f3a';
    const { conversationId, token } = await startConversation(t.base);
    await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: secret } });
    await call(t.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, rawBody: `{"text": "${secret}` });
    await call(t.base, 'GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${secret}`, { token });
    await waitFor(() => t.logLines.join(''), (log) => log.includes('/v3/directline/conversations/:id/activities'));
    const log = t.logLines.join('');
    for (const forbidden of [secret, token, '127.0.0.1', 'watermark=']) expect(log).not.toContain(forbidden);
    const line = t.logLines.map((l) => JSON.parse(l)).find((l) => l.route === '/v3/directline/conversations/:id/activities' && l.method === 'POST');
    expect(line).toMatchObject({ method: 'POST', status: expect.any(Number), ms: expect.any(Number) });
    expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'route', 'status', 'time']);
  });
});

describe('health when the store is down', () => {
  it('answers /healthz 503', async () => {
    const t = await startTestServer();
    try {
      await t.ctx.store.close();
      const response = await call(t.base, 'GET', '/healthz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'unavailable' });
    } finally {
      await t.server.close();
    }
  });
});

describe('retention', () => {
  it('deletes conversations idle for longer than RETENTION_HOURS, with their transcripts, and nothing else', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 0);
    const t = await startTestServer({ now: start, env: { RETENTION_HOURS: '24' } });
    try {
      const old = await startConversation(t.base);
      const kept = await startConversation(t.base);
      await waitFor(() => t.ctx.store.listActivities(old.conversationId, 0), (a) => a.length === 1);
      await waitFor(() => t.ctx.store.listActivities(kept.conversationId, 0), (a) => a.length === 1);
      const keptRecord = (await t.ctx.store.getConversation(kept.conversationId))!;
      await t.ctx.store.updateConversation(kept.conversationId, keptRecord.version, { keep: true, updatedAt: start });

      t.setNow(start + 20 * 3_600_000);
      const recent = await startConversation(t.base);
      await waitFor(() => t.ctx.store.listActivities(recent.conversationId, 0), (a) => a.length === 1);

      t.setNow(start + 25 * 3_600_000);
      const { startRetentionJob } = await import('../../src/storage/retentionJob.js');
      const job = startRetentionJob(t.ctx, { runAtStart: false });
      const result = await job.runOnce();
      await job.stop();

      expect(result).toMatchObject({ conversations: 1, activities: 1 });
      expect(await t.ctx.store.getConversation(old.conversationId)).toBeNull();
      expect(await t.ctx.store.listActivities(old.conversationId, 0)).toEqual([]);
      expect(await t.ctx.store.getConversation(kept.conversationId)).not.toBeNull();
      expect(await t.ctx.store.getConversation(recent.conversationId)).not.toBeNull();
      const fresh = (await t.server.channel.tokens()).issue(old.conversationId).token; // the old token has expired by now
      const gone = await call(t.base, 'GET', `/v3/directline/conversations/${old.conversationId}/activities`, { token: fresh });
      expect(gone.status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('runs once when the server starts', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 0);
    const dir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-retention-'));
    try {
      const first = await startTestServer({ dataDir: dir, now: start });
      const { conversationId } = await startConversation(first.base);
      await waitFor(() => first.ctx.store.listActivities(conversationId, 0), (a) => a.length === 1);
      await first.close();
      const second = await startTestServer({ dataDir: dir, now: start + 48 * 3_600_000, deps: { retention: { enabled: true } } });
      try {
        await waitFor(() => second.ctx.store.getConversation(conversationId), (c) => c === null);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('restart with SQLite', () => {
  it('keeps the conversation, its log and its tokens valid across a server restart on the same DATA_DIR', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-restart-'));
    try {
      const first = await startTestServer({ dataDir: dir });
      const { conversationId, token } = await startConversation(first.base);
      await call(first.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'voor de herstart' } });
      await waitFor(() => first.ctx.store.listActivities(conversationId, 0), (a) => a.length === 3);
      await first.close();

      const second = await startTestServer({ dataDir: dir });
      try {
        const log = await call(second.base, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { token });
        expect(log.status).toBe(200);
        expect(log.body.activities.map((a: { text: string }) => a.text)).toEqual(['welcome', 'voor de herstart', 'echo: voor de herstart']);
        const posted = await call(second.base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'na de herstart' } });
        expect(posted.body.id).toBe(`${conversationId}|4`);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
