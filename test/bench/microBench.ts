// In-process throughput figures on one core: scoring-core evaluations and NLU analyses per second.
import { RISK_FACTOR_IDS } from '../../src/ids.js';
import { score, type ScoreInput } from '../../src/scoring/index.js';

/** A deterministic spread of inputs: all sections, some missing, some unknown, so no single path is measured. */
export function scoreInputs(n: number): ScoreInput[] {
  const inputs: ScoreInput[] = [];
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < n; i++) {
    const maybe = <T>(value: T): T | undefined => (rnd() < 0.8 ? value : undefined);
    const riskFactors: Record<string, boolean> = {};
    for (const id of RISK_FACTOR_IDS) if (rnd() < 0.6) riskFactors[id] = rnd() < 0.3;
    inputs.push({
      partnerViolence: maybe({ mildIncidents: Math.floor(rnd() * 12), severeIncidents: Math.floor(rnd() * 3) }),
      childAbuse: maybe({ mildIncidents: Math.floor(rnd() * 6), severeIncidents: rnd() < 0.2 ? 1 : 0 }),
      trauma: maybe({ parent: rnd() < 0.3, child: rnd() < 0.3 }),
      unsafeAttachment: maybe(rnd() < 0.2),
      childEmotionalInsecurity: maybe(rnd() < 0.2),
      riskFactors,
    } as ScoreInput);
  }
  return inputs;
}

/** score() calls per second over at least minMs of wall time (after a warm-up so the JIT has settled). */
export function benchScore(minMs = 1_500): { perSecond: number; calls: number } {
  const inputs = scoreInputs(1_024);
  let sink = 0;
  for (let i = 0; i < 50_000; i++) sink += score(inputs[i & 1023]!).riskFactorCount;
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10_000; i++) sink += score(inputs[(calls + i) & 1023]!).riskFactorCount;
    calls += 10_000;
    elapsed = performance.now() - started;
  }
  if (sink < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return { perSecond: (calls / elapsed) * 1_000, calls };
}

/** analyse() messages per second via the NLU module's own bench helper (trained model, mixed nl/en corpus). */
export async function benchAnalyseFigure(): Promise<{ perSecond: number; note: string }> {
  const specifier = '../../src/nlu/bench.js';
  const module = (await import(specifier)) as { benchAnalyse: (options?: Record<string, unknown>) => Promise<unknown> };
  const outcome = (await module.benchAnalyse()) as number | { perSecond?: number; messagesPerSecond?: number; messages?: number; ms?: number };
  if (typeof outcome === 'number') return { perSecond: outcome, note: 'benchAnalyse' };
  const perSecond = outcome.perSecond ?? outcome.messagesPerSecond ?? (outcome.messages && outcome.ms ? (outcome.messages / outcome.ms) * 1_000 : Number.NaN);
  return { perSecond, note: `benchAnalyse${outcome.messages ? `, ${outcome.messages} messages` : ''}` };
}
