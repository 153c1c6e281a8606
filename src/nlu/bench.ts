// Throughput benchmark of the whole analysis (signals + role + profiles) on one core, for `npm run bench`.
import { getAnalyser } from './index.js';

export interface BenchOptions {
  /** Make every text unique so the per-text cache never answers: the worst case of all-new messages. */
  cold?: boolean;
}

export interface BenchResult {
  /** Messages per second of this process's CPU time: the work one core does, whatever else runs on the machine. */
  perCpuSecond: number;
  /** Messages per second of wall time: equal to perCpuSecond on an idle machine, lower when other processes take the core. */
  perWallSecond: number;
}

/** Analyses the messages round-robin for about `seconds` of wall time; both rates. */
export async function benchAnalyseDetailed(
  messages: ReadonlyArray<string | { text: string; lang?: 'nl' | 'en' }>,
  seconds: number,
  options: BenchOptions = {},
): Promise<BenchResult> {
  if (messages.length === 0) throw new Error('benchAnalyse needs at least one message');
  const analyser = await getAnalyser();
  const items = messages.map((m) => (typeof m === 'string' ? { text: m, lang: 'nl' as const } : { text: m.text, lang: m.lang ?? 'nl' }));
  // Warm-up: compile regexes, fill the word cache, let V8 optimise.
  for (const item of items) analyser.analyse(item.text, item.lang);
  const budgetNs = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let done = 0;
  let round = 0;
  let sink = 0;
  while (process.hrtime.bigint() - start < budgetNs) {
    round++;
    for (const item of items) {
      const text = options.cold ? `${item.text} ${round}x${done}` : item.text;
      sink += analyser.analyse(text, item.lang).signals.length;
      done++;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  // All threads of the process count (GC and compiler helpers too), so the CPU figure errs on the low side.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // `sink` keeps the optimiser from dropping the work.
  if (sink < 0) throw new Error('unreachable');
  return { perCpuSecond: done / Math.max(cpuSeconds, 1e-9), perWallSecond: done / elapsed };
}

/** Messages per second by wall clock, one core (see BenchResult). */
export async function benchAnalyse(
  messages: ReadonlyArray<string | { text: string; lang?: 'nl' | 'en' }>,
  seconds: number,
  options: BenchOptions = {},
): Promise<number> {
  return (await benchAnalyseDetailed(messages, seconds, options)).perWallSecond;
}
