// Throughput benchmark of the whole analysis (signals + role + profiles) on one core, for `npm run bench`.
import { getAnalyser } from './index.js';

export interface BenchOptions {
  /** Make every text unique so the per-text cache never answers: the worst case of all-new messages. */
  cold?: boolean;
}

/** Analyses the messages round-robin for about `seconds` and returns messages per second. */
export async function benchAnalyse(
  messages: ReadonlyArray<string | { text: string; lang?: 'nl' | 'en' }>,
  seconds: number,
  options: BenchOptions = {},
): Promise<number> {
  if (messages.length === 0) throw new Error('benchAnalyse needs at least one message');
  const analyser = await getAnalyser();
  const items = messages.map((m) => (typeof m === 'string' ? { text: m, lang: 'nl' as const } : { text: m.text, lang: m.lang ?? 'nl' }));
  // Warm-up: compile regexes, fill the stem cache, let V8 optimise.
  for (const item of items) analyser.analyse(item.text, item.lang);
  const budgetNs = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
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
  // `sink` keeps the optimiser from dropping the work.
  return sink >= 0 ? done / elapsed : 0;
}
