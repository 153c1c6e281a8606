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

/** Messages as people write them in the chat: short and long, Dutch and English, with and without danger. Written for the bench. */
export const BENCH_MESSAGES: { text: string; lang: 'nl' | 'en' }[] = [
  { text: 'hoi', lang: 'nl' },
  { text: 'ja', lang: 'nl' },
  { text: 'weet ik niet', lang: 'nl' },
  { text: 'Mijn partner schreeuwt vaak tegen me en ik ben bang als hij thuiskomt.', lang: 'nl' },
  { text: 'hij heeft me vorige week tegen de muur geduwd en mijn telefoon afgepakt', lang: 'nl' },
  { text: 'Ik mag nooit alleen weg van haar, ze kijkt in mijn telefoon en bepaalt wat ik uitgeef.', lang: 'nl' },
  { text: 'Mijn vader slaat mijn moeder als hij gedronken heeft. Ik ben 12.', lang: 'nl' },
  { text: 'soms word ik zo boos dat ik mijn vrouw pijn doe, ik wil dat niet meer', lang: 'nl' },
  { text: 'ik hoor de buren elke nacht ruzie maken en een kind huilen', lang: 'nl' },
  { text: 'Hij heeft een mes gepakt en zei dat hij me vermoordt als ik wegga', lang: 'nl' },
  { text: 'ik wil niet meer leven', lang: 'nl' },
  { text: 'we hebben wel eens ruzie maar dat is normaal toch? hij excuseert zich altijd achteraf', lang: 'nl' },
  { text: "Mijn stiefvader komt 's nachts op mijn kamer en ik durf het niemand te vertellen.", lang: 'nl' },
  { text: 'Kan ik anoniem bellen met iemand?', lang: 'nl' },
  { text: 'wat is veilig thuis eigenlijk', lang: 'nl' },
  { text: 'hello', lang: 'en' },
  { text: 'My husband controls all our money and checks my phone every evening.', lang: 'en' },
  { text: 'he choked me last night and said next time he will kill me', lang: 'en' },
  { text: "I'm worried about my friend, her boyfriend hits her", lang: 'en' },
  { text: 'sometimes I lose my temper and hit my partner, I need help', lang: 'en' },
  { text: 'my mum drinks a lot and screams at me and my little brother', lang: 'en' },
  { text: 'I do not know', lang: 'en' },
  { text: 'Ze zegt dat niemand me gelooft en dat ik de kinderen nooit meer zie als ik iets zeg.', lang: 'nl' },
  { text: 'Het gaat eigenlijk wel goed nu, ik wilde alleen wat informatie.', lang: 'nl' },
];

/**
 * analyse() messages per second via the NLU module's own bench helper, one core. "cold" makes every
 * text unique so no cache answers (the figure); "warm" repeats texts, as retries and buttons do (a note).
 * The figure is by wall clock; the note adds the rate per second of this process's CPU time (all its threads),
 * which tells a busy shared machine apart from a slow analyser.
 */
export async function benchAnalyseFigure(seconds = 2): Promise<{ perSecond: number; note: string }> {
  const specifier = '../../src/nlu/bench.js';
  type Rates = { perCpuSecond: number; perWallSecond: number };
  const module = (await import(specifier)) as {
    benchAnalyseDetailed: (messages: typeof BENCH_MESSAGES, seconds: number, options?: { cold?: boolean }) => Promise<Rates>;
  };
  const cold = await module.benchAnalyseDetailed(BENCH_MESSAGES, seconds, { cold: true });
  const warm = await module.benchAnalyseDetailed(BENCH_MESSAGES, seconds / 2);
  return {
    perSecond: cold.perWallSecond,
    note: `every text new (no cache); ${Math.round(cold.perCpuSecond)}/s per CPU-second; ${Math.round(warm.perWallSecond)}/s with repeated texts; ${BENCH_MESSAGES.length} nl/en messages`,
  };
}
