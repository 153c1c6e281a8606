// Starts the real server as a child process on a free loopback port and stops it (gracefully or with SIGKILL); used by scale tests and the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What `npm start` runs after `npm run build`: the bundled CLI (src/build/bundle.ts). */
export const DIST_ENTRY = 'dist/bundle/hulpwijzer.js';

export interface ServerOptions {
  /** Extra environment (DATA_DIR, DATABASE_URL, limits...); PORT is chosen here unless given. */
  env?: Record<string, string>;
  /** tsx runs the TypeScript sources; dist runs `npm run build` output (the bundle, as `npm start` does). */
  runtime?: 'tsx' | 'dist';
  /** Opens the inspector so heapUsed() can force a GC and read the heap. */
  inspect?: boolean;
  readyTimeoutMs?: number;
  /** Another program to run instead of `cli serve` (the bench's echo reference), as node arguments. */
  script?: string[];
  /** Extra node flags before the entry, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] for profiling. */
  nodeFlags?: string[];
}

export interface ServerHandle {
  port: number;
  url: string;
  pid: number;
  /** ms from spawn to the first /healthz 200. */
  startMs: number;
  /** Last output lines (stdout + stderr), for failure messages; logs carry no user text. */
  output(): string;
  /** SIGTERM and wait for the exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** SIGKILL, like a crash or an OOM kill: no shutdown code runs. */
  kill9(): Promise<void>;
  /** Heap in use after a full GC, in bytes (needs inspect: true). */
  heapUsed(): Promise<number>;
  readonly exitCode: number | null;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitForHealthy(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${url} not healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startServer(options: ServerOptions = {}): Promise<ServerHandle> {
  const port = options.env?.PORT ? Number(options.env.PORT) : await freePort();
  const entry = options.runtime === 'dist' ? [DIST_ENTRY] : ['--import', 'tsx', 'src/cli.ts'];
  const args = [...(options.nodeFlags ?? []), ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(options.script ?? [...entry, 'serve'])];
  const started = performance.now();
  // The store is what the caller asks for: a DATABASE_URL exported for the test run must not turn a SQLite server into a PostgreSQL one.
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let inspectorUrl: string | null = null;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(url, options.readyTimeoutMs ?? 30_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  const startMs = performance.now() - started;
  const handle: ServerHandle = {
    port,
    url,
    pid: child.pid!,
    startMs,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    heapUsed: () => {
      if (!inspectorUrl) return Promise.reject(new Error('server was started without inspect: true'));
      return inspectHeap(inspectorUrl);
    },
    get exitCode() {
      return child.exitCode;
    },
  };
  return handle;
}

/** Over the inspector protocol: full GC (HeapProfiler.collectGarbage), then process.memoryUsage().heapUsed. */
async function inspectHeap(inspectorUrl: string): Promise<number> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const result = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    return Number((result.result as { value: number }).value);
  } finally {
    socket.close();
  }
}
