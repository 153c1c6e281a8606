// Composes the HTTP server: security headers, the Direct Line channel and its streams, health, metrics, the web page, retention.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppContext } from './appContext.js';
import { logRequest } from './logger.js';
import {
  createDirectLineChannel,
  createErrorHandler,
  notFoundHandler,
  DIRECT_LINE_BASE,
  type BotTurnHandler,
  type DirectLineChannel,
  type HandedOffMessageHook,
} from './channel/index.js';
import type { StreamHubOptions } from './channel/streamHub.js';
import { startRetentionJob, type RetentionJob } from './storage/retentionJob.js';
import { createWebRouter } from './web/index.js';
import type { StaffConsole } from './staff/staffConsole.js';

export interface ServerDeps {
  /** createBot(...) — its `handle` answers user activities in bot and monitor mode. */
  bot: BotTurnHandler;
  /** What happens to a user's message while the conversation is queued or with a staff member. */
  onHandedOffMessage?: HandedOffMessageHook;
  stream?: StreamHubOptions;
  /** The staff console (src/staff, createHelpdesk): /staff router and /staff/ws; absent in tests of the channel alone. */
  staff?: StaffConsole;
  /** Off in tests that drive retention themselves. */
  retention?: { enabled?: boolean; intervalMs?: number };
}

/** Offered each HTTP upgrade in turn; returns true when it took the socket. */
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => boolean;

export interface HulpwijzerServer {
  app: express.Express;
  httpServer: http.Server;
  channel: DirectLineChannel;
  retention: RetentionJob | null;
  /** Further WebSocket endpoints (the staff console) register here. */
  upgradeHandlers: UpgradeHandler[];
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** The route pattern for the access log, never the raw URL (which may hold ids or tokens). */
function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'unrouted';
}

function accessLog(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => logRequest(ctx.logger, req.method, routeLabel(req), res.statusCode, performance.now() - started));
    next();
  };
}

/** Same-host WebSocket origins for connect-src: 'self' does not cover ws: in every browser still in use. */
function streamOrigins(req: http.IncomingMessage): string {
  const host = req.headers.host ?? '';
  if (!/^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host)) return "'self'";
  return `ws://${host} wss://${host}`;
}

/** Hosts whose security headers are remembered; beyond this, helmet computes them per request (a Host header is client input). */
const MAX_REMEMBERED_HOSTS = 64;

/**
 * helmet's headers depend only on the Host header (connect-src names the stream origins), yet helmet builds and
 * validates all of them on every request. The first request per host runs helmet and remembers what it set;
 * later requests for that host get the same headers copied.
 */
export function rememberedHeaders(middleware: RequestHandler): RequestHandler {
  const byHost = new Map<string, { set: [string, number | string | string[]][]; removed: string[] }>();
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    const known = byHost.get(host);
    if (known) {
      for (const name of known.removed) res.removeHeader(name);
      for (const [name, value] of known.set) res.setHeader(name, value);
      next();
      return;
    }
    const before = new Map(res.getHeaderNames().map((name) => [name, res.getHeader(name)]));
    void middleware(req, res, (error?: unknown) => {
      if (error === undefined && byHost.size < MAX_REMEMBERED_HOSTS) {
        byHost.set(host, {
          set: res.getHeaderNames().filter((name) => res.getHeader(name) !== before.get(name)).map((name) => [name, res.getHeader(name)!]),
          removed: [...before.keys()].filter((name) => !res.hasHeader(name)),
        });
      }
      next(error);
    });
  };
}

export function createServer(ctx: AppContext, deps: ServerDeps): HulpwijzerServer {
  const app = express();
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.set('x-powered-by', false);
  app.set('etag', false); // ETags on API answers would let a browser keep conversation data in its cache

  app.use(accessLog(ctx));
  app.use(
    rememberedHeaders(helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Web Chat injects its styles at run time (CSS-in-JS), which needs inline styles; scripts stay strict.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", (req) => streamOrigins(req)],
          mediaSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          workerSrc: ["'self'", 'blob:'],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    })),
  );

  const channel = createDirectLineChannel(ctx, { bot: deps.bot, onHandedOffMessage: deps.onHandedOffMessage, stream: deps.stream });

  app.get('/healthz', async (_req, res) => {
    const ok = await ctx.store.ping().catch(() => false);
    res.set('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', ctx.metrics.registry.contentType);
    res.send(await ctx.metrics.registry.metrics());
  });

  app.use(DIRECT_LINE_BASE, channel.router);
  if (deps.staff) app.use('/staff', deps.staff.router); // staff console (src/staff), before the page's catch-all
  app.use(createWebRouter(ctx));
  app.use(notFoundHandler);
  app.use(createErrorHandler(ctx.logger));

  const httpServer = http.createServer(app);
  // Slow-loris guard; Direct Line requests are small and quick.
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 20_000;
  // Idle keep-alive connections stay open longer than a load balancer's idle timeout (often 60 s): closing first
  // would race a request the balancer or browser is just sending on that connection (ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  const upgradeHandlers: UpgradeHandler[] = [(req, socket, head) => channel.streams.handleUpgrade(req, socket, head)];
  if (deps.staff) upgradeHandlers.push(deps.staff.handleUpgrade); // staff console live queue (src/staff)
  httpServer.on('upgrade', (req, socket, head) => {
    try {
      if (upgradeHandlers.some((handler) => handler(req, socket, head))) return;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } catch (error) {
      ctx.logger.error({ errorName: (error as Error)?.name }, 'upgrade failed');
      socket.destroy();
    }
  });
  httpServer.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const retentionEnabled = deps.retention?.enabled ?? true;
  const retention = retentionEnabled ? startRetentionJob(ctx, { intervalMs: deps.retention?.intervalMs }) : null;

  let closing: Promise<void> | null = null;
  return {
    app,
    httpServer,
    channel,
    retention,
    upgradeHandlers,
    listen: (port, host) =>
      new Promise<AddressInfo>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        await retention?.stop();
        deps.staff?.close(); // staff console sockets and queue sweep (src/staff)
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await channel.close();
        httpServer.closeAllConnections();
        if (httpServer.listening) await closed;
      })()),
  };
}
