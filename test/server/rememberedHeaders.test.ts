// The remembered security headers must be exactly what helmet sets, per Host, including what it removes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberedHeaders } from '../../src/server.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(middleware: RequestHandler): Promise<number> {
  const app = express();
  app.set('x-powered-by', true); // helmet removes it; the remembered copy must remove it too
  app.use(middleware);
  app.get('/', (_req, res) => void res.json({ ok: true }));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function get(port: number, host: string): Promise<http.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      })
      .on('error', reject);
  });
}

const withoutDate = (headers: http.IncomingHttpHeaders) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
};

describe('rememberedHeaders', () => {
  const options = () =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], connectSrc: ["'self'", (req) => `ws://${(req as http.IncomingMessage).headers.host}`] } },
      referrerPolicy: { policy: 'no-referrer' },
    });

  it('sets the same headers as helmet on the first and on later requests, per host', async () => {
    const plain = await serve(options());
    const remembered = await serve(rememberedHeaders(options()));
    for (const host of ['a.example', 'b.example', 'a.example', 'b.example']) {
      const expected = withoutDate(await get(plain, host));
      const actual = withoutDate(await get(remembered, host));
      expect(actual).toEqual(expected);
      expect(actual['content-security-policy']).toContain(`ws://${host}`);
      expect(actual['x-powered-by']).toBeUndefined();
    }
  });
});
