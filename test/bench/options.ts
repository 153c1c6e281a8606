// Bench settings from flags (--conversations=500) or env (BENCH_CONVERSATIONS=500); defaults follow performance.md.
export interface BenchOptions {
  /** Concurrent conversations in the think-time run (performance.md: 500). */
  conversations: number;
  /** Turns per scripted screening (>= 20). */
  turns: number;
  /** Think time between a reply and the next message, ms. */
  thinkMs: number;
  /** Length of each saturation run (bot, echo, each PostgreSQL/SQLite run), s. */
  seconds: number;
  /** Conversations in flight during a saturation run. */
  saturationConversations: number;
  /** Idle conversations held open for the memory figure. */
  idleConversations: number;
  /** Hard limit on the think-time run, s; turns still open then count as timeouts. */
  maxLoadSeconds: number;
  /** Cold starts to time; the median is reported. */
  coldStarts: number;
  /** PostgreSQL for pg_turns_per_s: the bench creates a database of its own next to this one (hw_ + its name + pid + time) and drops it afterwards. Empty: figure skipped. */
  databaseUrl: string;
  /** Which figures to run (comma list of names or groups); empty = all. */
  only: string[];
  /** dist: the built server `node dist/bundle/hulpwijzer.js serve` (what `npm start` runs; built first); tsx: the TypeScript sources. */
  runtime: 'dist' | 'tsx';
  /** Node flags for the hulpwijzer servers only (not the echo reference), space-separated, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  serverNodeFlags: string[];
}

function pick(name: string, argv: string[]): string | undefined {
  const flag = `--${name.toLowerCase().replace(/_/g, '-')}=`;
  const fromFlag = argv.find((a) => a.startsWith(flag));
  if (fromFlag) return fromFlag.slice(flag.length);
  const value = process.env[`BENCH_${name}`];
  return value === undefined || value === '' ? undefined : value;
}

function int(name: string, argv: string[], fallback: number, min: number): number {
  const raw = pick(name, argv);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`BENCH_${name} / --${name.toLowerCase().replace(/_/g, '-')}: expected a whole number >= ${min}, got "${raw}"`);
  return value;
}

function runtime(argv: string[]): 'dist' | 'tsx' {
  const raw = pick('RUNTIME', argv) ?? (argv.includes('--tsx') ? 'tsx' : 'dist');
  if (raw !== 'dist' && raw !== 'tsx') throw new Error(`BENCH_RUNTIME / --runtime: expected dist or tsx, got "${raw}"`);
  return raw;
}

export function readOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const databaseUrl =
    pick('DATABASE_URL', argv) ??
    (process.env.DATABASE_URL ? process.env.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, '/hulpwijzer_bench$1') : 'postgres://postgres@127.0.0.1:5432/hulpwijzer_bench');
  return {
    conversations: int('CONVERSATIONS', argv, quick ? 100 : 500, 1),
    turns: int('TURNS', argv, 20, 1),
    thinkMs: int('THINK_MS', argv, 1_000, 0),
    seconds: int('SECONDS', argv, quick ? 5 : 15, 1),
    saturationConversations: int('SATURATION_CONVERSATIONS', argv, 32, 1),
    idleConversations: int('IDLE_CONVERSATIONS', argv, quick ? 300 : 1_000, 10),
    maxLoadSeconds: int('MAX_LOAD_SECONDS', argv, 120, 5),
    coldStarts: int('COLD_STARTS', argv, quick ? 1 : 3, 1),
    databaseUrl: databaseUrl === 'none' ? '' : databaseUrl,
    only: (pick('ONLY', argv) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    runtime: runtime(argv),
    serverNodeFlags: (pick('SERVER_NODE_FLAGS', argv) ?? '').split(/\s+/).filter(Boolean),
  };
}
