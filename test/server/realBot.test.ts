// The whole application as `serve` starts it (real bot, NLU, helpdesk, SQLite) driven by the official Direct Line client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';
import { startApp, type RunningApp } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { call, waitFor } from './testServer.js';

(globalThis as Record<string, unknown>).XMLHttpRequest = XMLHttpRequest;
(globalThis as Record<string, unknown>).WebSocket = WebSocket;
const { DirectLine } = await import('botframework-directlinejs');

type Received = { id: string; type: string; text?: string; from: { role?: string }; suggestedActions?: { actions: { value: unknown }[] } };

let app: RunningApp;
let dir: string;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hulpwijzer-app-'));
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'debug' });
  app = await startApp(config, { logger: createLogger('debug', sink) });
  base = `http://127.0.0.1:${app.address.port}`;
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the real bot over Direct Line', () => {
  it('welcomes, answers a free-text message over the WebSocket, and logs none of the text', async () => {
    const generated = await call(base, 'POST', '/v3/directline/tokens/generate');
    const client = new DirectLine({ token: generated.body.token, domain: `${base}/v3/directline`, webSocket: true });
    const received: Received[] = [];
    const subscription = client.activity$.subscribe((a) => received.push(a as unknown as Received));
    try {
      const welcome = await waitFor(() => received, (r) => r.some((a) => a.from.role === 'bot' && a.type === 'message' && !!a.text), 10_000);
      expect(welcome.find((a) => a.from.role === 'bot')!.text!.length).toBeGreaterThan(10);

      const secret = 'Mijn vriend bedreigt me met een mes, code 93kq';
      await new Promise<string>((resolve, reject) =>
        client.postActivity({ type: 'message', text: secret, from: { id: 'x' } } as never).subscribe({ next: resolve, error: reject }),
      );
      // The welcome may be several activities still arriving; wait for our echo and a bot answer after it.
      const answeredAfterMine = (r: Received[]) => {
        const at = r.findIndex((a) => a.text === secret);
        return at >= 0 && r.slice(at + 1).some((a) => a.from.role === 'bot' && a.type === 'message');
      };
      await waitFor(() => received, answeredAfterMine, 10_000);
      const mine = received.find((a) => a.text === secret)!;
      expect(mine.from.role).toBe('user');
      const replies = received.slice(received.indexOf(mine) + 1).filter((a) => a.from.role === 'bot' && a.type === 'message');
      expect(replies.length).toBeGreaterThan(0);
      // A knife threat is a critical signal: the very next reply names 112.
      expect(replies[0]!.text ?? '').toContain('112');

      const ids = received.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      const log = logLines.join('');
      expect(log).not.toContain('93kq');
      expect(log).not.toContain('bedreigt');
      expect(log).not.toContain(generated.body.token);
    } finally {
      subscription.unsubscribe();
      client.end();
    }
  }, 30_000);

  it('answers healthz and metrics, and the start counted one conversation', async () => {
    expect((await call(base, 'GET', '/healthz')).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^hulpwijzer_conversations_started_total [1-9]/m);
  });

  it('serves the staff API behind sign-in (401 without a session)', async () => {
    const response = await call(base, 'GET', '/staff/api/conversations');
    expect(response.status).toBe(401);
  });
});
