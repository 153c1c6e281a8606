// Starts the /staff router and WebSocket on a loopback port for tests, with a tiny cookie-aware client.
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HandoffService } from '../../src/handoff/index.js';
import { addStaffAccount, createStaffRouter, createStaffSocket, type StaffRouterOptions } from '../../src/staff/index.js';
import type { TestContext } from '../handoff/testContext.js';

export const PASSWORD = 'correct horse battery';

export interface StaffApp {
  url: string;
  server: Server;
  handoff: HandoffService;
  close(): Promise<void>;
}

export async function startStaffApp(ctx: TestContext, options: StaffRouterOptions = {}): Promise<StaffApp> {
  const handoff = new HandoffService(ctx);
  const app = express();
  app.use('/staff', createStaffRouter(ctx, handoff, options));
  const socket = createStaffSocket(ctx, { sessionTimes: options.sessionTimes, checkEveryMs: 100 });
  const server = createServer(app);
  server.on('upgrade', (req, s, head) => {
    if (!socket.handleUpgrade(req, s, head)) s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    handoff,
    close: async () => {
      socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function addAccount(ctx: TestContext, name: string): Promise<void> {
  await addStaffAccount(ctx.store, name, PASSWORD, ctx.clock().getTime());
}

/** One browser: keeps the session cookie and the CSRF token. */
export class StaffClient {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  async login(name: string, password = PASSWORD) {
    const result = await this.call('POST', '/staff/api/login', { name, password });
    if (result.status === 200) this.csrf = result.body.csrfToken;
    return result;
  }
}
