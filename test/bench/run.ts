// `npm run bench`: measures every figure of performance.md against the real server in child processes; one line per figure.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../scale/pgDatabase.js';
import { DIST_ENTRY, REPO_ROOT, startServer, type ServerHandle } from '../scale/serverProcess.js';
import { openIdle, runPaced, runSaturation } from './load.js';
import { benchAnalyseFigure, benchScore } from './microBench.js';
import { readOptions, type BenchOptions } from './options.js';
import { figure, median, percentile, ratio } from './stats.js';

const options = readOptions();
const say = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stdout.write(`# ${line}\n`);
const wanted = (group: string) => options.only.length === 0 || options.only.includes(group);
const dirs: string[] = [];
const servers: ServerHandle[] = [];
/** Drops the databases this run created (also when it fails or is interrupted). */
const databases: (() => Promise<void>)[] = [];

/** Limits are for abuse, not for a load generator talking from one address: the bench turns them off. */
const SERVER_ENV = { RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0', LOG_LEVEL: 'warn' };

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-bench-'));
  dirs.push(dir);
  return dir;
}

async function server(env: Record<string, string> = {}, extra: Parameters<typeof startServer>[0] = {}): Promise<ServerHandle> {
  const handle = await startServer({ runtime: options.runtime, nodeFlags: options.serverNodeFlags, ...extra, env: { ...SERVER_ENV, DATA_DIR: tempDataDir(), ...env } });
  servers.push(handle);
  return handle;
}

async function stopAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
}

async function micro(): Promise<void> {
  const scored = benchScore();
  say(figure('score_per_s', scored.perSecond, 'evaluations/s', ['one core', 'target >= 1000000']));
  try {
    const analysed = await benchAnalyseFigure();
    say(figure('analyse_per_s', analysed.perSecond, 'messages/s', ['one core', analysed.note, 'target >= 20000']));
  } catch (error) {
    say(`analyse_per_s: n/a (benchAnalyse unavailable: ${(error as Error).message.split('\n')[0]})`);
  }
}

/** The think-time run of performance.md over the given servers; prints its figures with `prefix` (pg_ for two instances on one PostgreSQL). */
async function pacedFigures(urls: string[], prefix: string): Promise<void> {
  const result = await runPaced(urls, {
    conversations: options.conversations,
    turns: options.turns,
    thinkMs: options.thinkMs,
    acuteEvery: 10,
    maxMs: options.maxLoadSeconds * 1_000,
  });
  const n = `${result.latencies.length} turns`;
  const failures = result.failures ? [`${result.failures} conversations failed, first: ${result.firstFailure}`] : [];
  say(figure(`${prefix}turn_p50_ms`, percentile(result.latencies, 50), 'ms', [n, `${options.conversations} conversations`, ...failures]));
  say(figure(`${prefix}turn_p99_ms`, percentile(result.latencies, 99), 'ms', [n, `offered ~${Math.round((result.turns / result.elapsedMs) * 1000)} turns/s`, 'target < 50']));
  say(figure(`${prefix}acute_reply_p99_ms`, percentile(result.acuteLatencies, 99), 'ms', [`${result.acuteLatencies.length} critical messages under that load`, 'target < 100']));
}

async function paced(): Promise<void> {
  const s = await server();
  note(`paced run: ${options.conversations} conversations x ${options.turns} turns, think ${options.thinkMs} ms, server pid ${s.pid} (SQLite)`);
  await pacedFigures([s.url], '');
  await stopAll();
}

async function saturation(): Promise<number> {
  const workers = options.saturationConversations;
  const echo = await startServer({ script: ['--import', 'tsx', 'test/bench/echoServer.ts'] });
  servers.push(echo);
  const reference = await runSaturation([echo.url], { workers, turns: options.turns, seconds: options.seconds });
  await stopAll();
  const s = await server();
  const bot = await runSaturation([s.url], { workers, turns: options.turns, seconds: options.seconds });
  await stopAll();
  const failures = bot.failures ? [`${bot.failures} failures, first: ${bot.firstFailure}`] : [];
  say(figure('turns_per_s', bot.turnsPerSecond, 'turns/s', [`${workers} conversations without think time`, `${options.seconds} s`, ...failures]));
  say(figure('turns_vs_echo', bot.turnsPerSecond / reference.turnsPerSecond, 'ratio', [`echo ${reference.turnsPerSecond.toFixed(0)} turns/s`, 'target >= 0.5']));
  return bot.turnsPerSecond;
}

async function memory(): Promise<void> {
  const s = await server({}, { inspect: true });
  const warm = await openIdle(s.url, 50);
  const before = await s.heapUsed();
  const idle = await openIdle(s.url, options.idleConversations);
  const after = await s.heapUsed();
  say(figure('mem_per_conversation_kb', (after - before) / 1024 / idle.opened, 'KB', [`${idle.opened} open idle conversations (stream open, welcome sent)`, 'heap after full GC', 'target < 20']));
  warm.close();
  idle.close();
  await stopAll();
}

/** The built server is what `npm start` runs; build it once so every figure times the current sources. */
function build(): void {
  if (options.runtime !== 'dist') return;
  try {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
  } catch {
    if (!existsSync(path.join(REPO_ROOT, DIST_ENTRY))) throw new Error('npm run build failed and there is no dist/ to run; use BENCH_RUNTIME=tsx');
    note('npm run build failed; running the dist/ already there');
  }
}

async function coldStart(): Promise<void> {
  const runtime = options.runtime;
  const times: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    const s = await server({}, { runtime });
    times.push(s.startMs);
    await stopAll();
  }
  const how = runtime === 'dist' ? `node ${DIST_ENTRY} serve (built and bundled)` : 'node --import tsx src/cli.ts serve (TypeScript compiled at start)';
  say(figure('cold_start_ms', median(times), 'ms', [`median of ${times.length}`, how, 'target < 1500']));
}

/** A database of this run's own next to the one in `url` (parallel bench runs never share one); drop() removes it. */
async function createBenchDatabase(url: string): Promise<TestDatabase> {
  // Created from the server's maintenance database: the one named in `url` need not exist.
  const adminUrl = Object.assign(new URL(url), { pathname: '/postgres' }).toString();
  const created = await createTestDatabase(new URL(url).pathname.replace(/^\//, '') || 'hulpwijzer_bench', adminUrl);
  let dropped: Promise<void> | null = null;
  const drop = () => (dropped ??= created.drop());
  databases.push(drop);
  return { url: created.url, drop };
}

async function postgres(o: BenchOptions): Promise<void> {
  if (!o.databaseUrl) {
    say('pg_turns_per_s: n/a (no database: set BENCH_DATABASE_URL or DATABASE_URL)');
    return;
  }
  let database: Awaited<ReturnType<typeof createBenchDatabase>>;
  try {
    database = await createBenchDatabase(o.databaseUrl);
  } catch (error) {
    say(`pg_turns_per_s: n/a (PostgreSQL not reachable: ${(error as Error).message})`);
    return;
  }
  const workers = o.saturationConversations;
  const sqlite = await Promise.all([server(), server()]);
  const reference = await runSaturation(sqlite.map((s) => s.url), { workers, turns: o.turns, seconds: o.seconds });
  await stopAll();
  // Started one after the other: the second finds the schema migrated (starting together is covered by tests).
  const a = await server({ DATABASE_URL: database.url });
  const b = await server({ DATABASE_URL: database.url });
  const shared = await runSaturation([a.url, b.url], { workers, turns: o.turns, seconds: o.seconds });
  await stopAll();
  const failures = shared.failures ? [`${shared.failures} failures, first: ${shared.firstFailure}`] : [];
  say(
    figure('pg_turns_per_s', shared.turnsPerSecond, 'turns/s', [
      `two instances on one PostgreSQL, ratio ${ratio(shared.turnsPerSecond, reference.turnsPerSecond)} vs two instances with their own SQLite (${reference.turnsPerSecond.toFixed(0)} turns/s)`,
      ...failures,
      'target ratio >= 0.7',
    ]),
  );
  // How #7 is judged: the think-time run against two fresh instances on one PostgreSQL, conversations alternating between them.
  const c = await server({ DATABASE_URL: database.url });
  const d = await server({ DATABASE_URL: database.url });
  note(`paced run on two instances on one PostgreSQL: ${o.conversations} conversations, server pids ${c.pid} and ${d.pid}`);
  await pacedFigures([c.url, d.url], 'pg_');
  await stopAll();
  await database.drop();
}

async function main(): Promise<void> {
  note(`hulpwijzer bench: ${os.cpus().length} cores, node ${process.version}; servers run as child processes (${options.runtime}), the load generator in this one`);
  build();
  if (wanted('micro')) await micro();
  if (wanted('turns')) await paced();
  if (wanted('saturation')) await saturation();
  if (wanted('memory')) await memory();
  if (wanted('cold')) await coldStart();
  if (wanted('pg')) await postgres(options);
}

const cleanup = async () => {
  await stopAll().catch(() => undefined);
  for (const drop of databases) await drop().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
main()
  .then(cleanup, async (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    await cleanup();
    process.exitCode = 1;
  })
  .then(() => process.exit());
