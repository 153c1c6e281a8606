// Fuzzes every HTTP door of the real server (Direct Line, stream, health, metrics, staff API): random input never gives a 5xx or an unhealthy server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { DirectLineClient } from '../scale/directLineClient.js';
import { REPO_ROOT, startServer, type ServerHandle } from '../scale/serverProcess.js';

const STAFF = { name: 'fuzzer', password: 'a long enough fuzz password 1' };
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

let server: ServerHandle;
let dataDir: string;
let conversation: DirectLineClient;
let staffCookie = '';
let csrf = '';

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

async function send(request: Sent): Promise<number> {
  const res = await fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : (request.body as BodyInit | undefined),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return res.status;
}

async function expectNo5xx(request: Sent): Promise<void> {
  const status = await send(request);
  if (status >= 500) throw new Error(`${request.method} ${request.path} answered ${status}; server output:\n${server.output().slice(-2_000)}`);
}

// Building blocks: ids, watermarks, tokens, content types, bodies that look almost right.
const ids = () => fc.oneof(fc.constant(conversation.conversationId), fc.string({ maxLength: 80 }), fc.constantFrom('..', '%00', '%2F..%2F', 'a'.repeat(300), 'x|1', '🙂'));
const watermarks = fc.oneof(fc.constantFrom('', '0', '-1', '1e9', '99999999999999999999', 'NaN', '1.5', '0x10', ' 3'), fc.string({ maxLength: 12 }), fc.integer().map(String));
const tokens = () =>
  fc.oneof(
    fc.constant(conversation.token),
    fc.constant(`${conversation.token}x`),
    fc.constant(conversation.token.replace(/\.\d+\./, '.9999999999.')),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('hw1....', 'hw1.a.b.c', 'Bearer', ''),
  );
const authHeader = () => fc.oneof(tokens().map((t) => `Bearer ${t}`), fc.string({ maxLength: 60 }), fc.constant('Basic Zm9vOmJhcg=='));
const contentTypes = fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '');
const encodeId = (id: string) => {
  try {
    return encodeURIComponent(id);
  } catch {
    return 'bad';
  }
};
const activityBodies = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        type: fc.oneof(fc.constantFrom('message', 'event', 'typing', 'conversationUpdate', 'invoke'), fc.string()),
        text: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constant('x'.repeat(70_000)), fc.jsonValue()),
        value: fc.jsonValue({ maxDepth: 4 }),
        name: fc.string({ maxLength: 70 }),
        locale: fc.oneof(fc.constantFrom('nl-NL', 'en', 'xx-YYYY-zz', ''), fc.string()),
        from: fc.record({ id: fc.string(), role: fc.constantFrom('bot', 'user', 'staff') }),
        channelData: fc.oneof(fc.record({ lang: fc.string(), simple: fc.jsonValue(), clientActivityID: fc.string({ maxLength: 300 }) }, { requiredKeys: [] }), fc.jsonValue()),
        conversation: fc.record({ id: fc.string() }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.constantFrom('{', '[]', 'null', '"x"', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, '{"type":"message","text":"\\ud800"}'),
);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-fuzz-'));
  // SQLite in a fresh temp dir even when CI sets DATABASE_URL: the account must not exist yet.
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' };
  const added = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'staff', 'add', STAFF.name], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    input: `${STAFF.password}\n`,
    encoding: 'utf8',
  });
  expect(added.status, added.stderr).toBe(0);
  server = await startServer({ env });
  conversation = await DirectLineClient.start(server.url);
  await conversation.connect();
  const login = await fetch(`${server.url}/staff/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(STAFF),
  });
  expect(login.status).toBe(200);
  staffCookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
}, 60_000);

afterAll(async () => {
  conversation?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('HTTP doors under random input (real server process)', () => {
  it('token and conversation start: random bodies, content types and auth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v3/directline/tokens/generate', '/v3/directline/tokens/refresh', '/v3/directline/conversations'),
        fc.option(authHeader(), { nil: undefined }),
        contentTypes,
        activityBodies,
        async (route, auth, type, body) => {
          await expectNo5xx({ method: 'POST', path: route, headers: { ...(auth ? { authorization: auth } : {}), ...(type ? { 'content-type': type } : {}) }, body });
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('post activity: random activities, ids, tokens and content types', async () => {
    await fc.assert(
      fc.asyncProperty(ids(), authHeader(), contentTypes, activityBodies, async (id, auth, type, body) => {
        await expectNo5xx({
          method: 'POST',
          path: `/v3/directline/conversations/${encodeId(id)}/activities`,
          headers: { authorization: auth, ...(type ? { 'content-type': type } : {}) },
          body,
        });
      }),
      { numRuns: RUNS * 2 },
    );
  }, 180_000);

  it('get activities and reconnect: random ids, watermarks and tokens', async () => {
    await fc.assert(
      fc.asyncProperty(ids(), authHeader(), watermarks, fc.boolean(), async (id, auth, watermark, reconnect) => {
        const suffix = reconnect ? '' : '/activities';
        await expectNo5xx({
          method: 'GET',
          path: `/v3/directline/conversations/${encodeId(id)}${suffix}?watermark=${encodeURIComponent(watermark)}`,
          headers: { authorization: auth },
        });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('stream upgrade: random ids, tokens and watermarks never break the server', async () => {
    await fc.assert(
      fc.asyncProperty(ids(), tokens(), watermarks, async (id, token, watermark) => {
        const url = `${server.url.replace('http', 'ws')}/v3/directline/conversations/${encodeId(id)}/stream?t=${encodeURIComponent(token)}&watermark=${encodeURIComponent(watermark)}`;
        const status = await new Promise<number>((resolve) => {
          const socket = new WebSocket(url);
          socket.once('open', () => {
            socket.send(Buffer.from([0xff, 0x00, 0x7b]));
            socket.close();
            resolve(101);
          });
          socket.once('unexpected-response', (_req, res) => {
            resolve(res.statusCode ?? 0);
            socket.terminate();
          });
          socket.once('error', () => resolve(0));
        });
        expect(status < 500 || status === 0, `stream answered ${status}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('health, metrics, page and unknown paths with random methods and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        fc.oneof(fc.constantFrom('/healthz', '/metrics', '/', '/staff', '/staff/', '/v3/directline', '/v3/directline/conversations/x/stream'), fc.webPath()),
        fc.dictionary(fc.constantFrom('accept', 'accept-language', 'x-forwarded-for', 'cookie', 'origin', 'range', 'if-none-match'), fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), { maxKeys: 4 }),
        async (method, route, headers) => {
          await expectNo5xx({ method, path: route.startsWith('/') ? route : `/${route}`, headers, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('staff API: random bodies with and without session and CSRF token', async () => {
    const staffRoutes = fc.oneof(
      fc.constantFrom(['POST', '/staff/api/login'], ['POST', '/staff/api/logout'], ['GET', '/staff/api/conversations'], ['PUT', '/staff/api/presence'], ['GET', '/staff/api/audit'], ['GET', '/staff/api/session']),
      ids().chain((id) =>
        fc.constantFrom(
          ['POST', `/staff/api/conversations/${encodeId(id)}/claim`],
          ['POST', `/staff/api/conversations/${encodeId(id)}/messages`],
          ['POST', `/staff/api/conversations/${encodeId(id)}/release`],
          ['POST', `/staff/api/conversations/${encodeId(id)}/notes`],
          ['GET', `/staff/api/conversations/${encodeId(id)}`],
          ['GET', `/staff/api/conversations/${encodeId(id)}/activities`],
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        staffRoutes,
        fc.boolean(),
        fc.boolean(),
        contentTypes,
        fc.oneof(
          activityBodies,
          fc.record({ name: fc.string(), password: fc.string(), status: fc.constantFrom('online', 'away', 'offline', 'busy'), text: fc.string({ unit: 'binary' }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
        ),
        async ([method, route], withSession, withCsrf, type, body) => {
          // Never log the fuzzer out: it would only make the rest of the run unauthenticated.
          if (route === '/staff/api/logout' && withSession) return;
          await expectNo5xx({
            method: method!,
            path: route!,
            headers: { ...(withSession ? { cookie: staffCookie } : {}), ...(withCsrf ? { 'x-csrf-token': csrf } : {}), ...(type ? { 'content-type': type } : {}) },
            body,
          });
        },
      ),
      { numRuns: RUNS * 2 },
    );
  }, 180_000);

  it('is still healthy and still answers a real conversation afterwards', async () => {
    expect(await send({ method: 'GET', path: '/healthz' })).toBe(200);
    const client = await DirectLineClient.start(server.url);
    await client.connect();
    const turn = await client.turn({ text: 'hallo' });
    expect(turn.replies.length).toBeGreaterThan(0);
    client.close();
    expect(server.exitCode).toBeNull();
  }, 60_000);
});
