// Starts a real server on an ephemeral 127.0.0.1 port for tests, with a small echo bot or the real one, and captures log lines.
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import type { AppContext } from '../../src/appContext.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { MemoryBus } from '../../src/storage/memoryBus.js';
import { openMemoryStore } from '../../src/storage/memory.js';
import { openSqliteStore } from '../../src/storage/sqlite.js';
import type { Bus, HulpwijzerStore } from '../../src/storage/store.js';
import { createDeliver, type BotTurnHandler, type Deliver, type HandedOffMessageHook } from '../../src/channel/index.js';
import { createServer, type HulpwijzerServer, type ServerDeps } from '../../src/server.js';

export interface TestServer {
  base: string;
  ctx: AppContext;
  server: HulpwijzerServer;
  logLines: string[];
  /** Set the clock the server uses (ms since epoch). */
  setNow(ms: number): void;
  close(): Promise<void>;
}

/** A bot for channel tests: greets on join, echoes messages; it answers through the same deliver callback as the real bot. */
export function echoBot(deliver: Deliver, options: { delayMs?: number } = {}): BotTurnHandler & { seen: Partial<Activity>[] } {
  const seen: Partial<Activity>[] = [];
  return {
    seen,
    async handle(activity) {
      seen.push(activity);
      const reference = { conversation: activity.conversation!, bot: activity.recipient!, user: activity.from! };
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (activity.type === 'conversationUpdate') {
        await deliver(reference, [{ type: 'message', text: 'welcome' }]);
      } else if (activity.type === 'message') {
        await deliver(reference, [{ type: 'typing' }, { type: 'message', text: `echo: ${activity.text ?? ''}`, replyToId: activity.id }]);
      }
    },
  };
}

export interface TestServerOptions {
  env?: Record<string, string>;
  dataDir?: string;
  store?: HulpwijzerStore;
  /** Build the bot from the context's deliver; defaults to echoBot. */
  bot?: (deliver: Deliver, ctx: AppContext) => BotTurnHandler | Promise<BotTurnHandler>;
  onHandedOffMessage?: HandedOffMessageHook;
  deps?: Partial<ServerDeps>;
  now?: number;
  /** Defaults to a MemoryBus (one instance). */
  bus?: Bus;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  // Many conversations start from 127.0.0.1 within seconds here; the start limit has its own test.
  const config: AppConfig = loadConfig({ LOG_LEVEL: 'info', RATE_LIMIT_STARTS: '0', ...options.env });
  let now = options.now ?? Date.now();
  const clock = () => new Date(now);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  const store = options.store ?? (options.dataDir ? openSqliteStore(options.dataDir, { now: () => now }) : openMemoryStore({ now: () => now }));
  const ctx: AppContext = {
    config,
    store,
    bus: options.bus ?? new MemoryBus(),
    logger: createLogger(config.LOG_LEVEL, sink),
    metrics: createMetrics(),
    clock,
  };
  const deliver = createDeliver(ctx);
  const bot = options.bot ? await options.bot(deliver, ctx) : echoBot(deliver);
  const server = createServer(ctx, {
    bot,
    onHandedOffMessage: options.onHandedOffMessage,
    retention: { enabled: false },
    ...options.deps,
  });
  const address = await server.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${address.port}`,
    ctx,
    server,
    logLines,
    setNow: (ms) => {
      now = ms;
    },
    close: async () => {
      await server.close();
      await ctx.bus.close();
      await store.close();
    },
  };
}

/** Direct Line REST helper: JSON in, { status, body, headers } out. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string | Buffer; contentType?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body: body as BodyInit | undefined });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (e.g. the HTML page or Prometheus text): keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Generates a token and starts its conversation; returns what the start answered. */
export async function startConversation(base: string, body?: unknown): Promise<{ conversationId: string; token: string; streamUrl: string; status: number }> {
  const generated = await call(base, 'POST', '/v3/directline/tokens/generate');
  const started = await call(base, 'POST', '/v3/directline/conversations', { token: generated.body.token, body });
  return { ...started.body, status: started.status };
}

/** Polls until `predicate` holds or the time is up. */
export async function waitFor<T>(probe: () => Promise<T> | T, predicate: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
