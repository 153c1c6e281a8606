// Loads and validates the labelled training/test corpus (src/nlu/corpus/*.json).
import { z } from 'zod';
import { LanguageSchema, ProfileIdSchema, RoleSchema, SignalIdSchema } from '../ids.js';
import en from './corpus/en.json' with { type: 'json' };
import enExtra from './corpus/en-extra.json' with { type: 'json' };
import heldoutFresh from './corpus/heldout-fresh.json' with { type: 'json' };
import mixedOwn from './corpus/mixed-own.json' with { type: 'json' };
import nlBystander from './corpus/nl-bystander.json' with { type: 'json' };
import nlExtra from './corpus/nl-extra.json' with { type: 'json' };
import nlMixed from './corpus/nl-mixed.json' with { type: 'json' };
import nlNeutral from './corpus/nl-neutral.json' with { type: 'json' };
import nlPerp from './corpus/nl-perp.json' with { type: 'json' };
import nlVictims from './corpus/nl-victims.json' with { type: 'json' };
import nlYoung from './corpus/nl-young.json' with { type: 'json' };
import written4 from './corpus/written-4.json' with { type: 'json' };
import written5 from './corpus/written-5.json' with { type: 'json' };
import written6 from './corpus/written-6.json' with { type: 'json' };
import written8 from './corpus/written-8.json' with { type: 'json' };
import written9 from './corpus/written-9.json' with { type: 'json' };
import written10 from './corpus/written-10.json' with { type: 'json' };
import written11 from './corpus/written-11.json' with { type: 'json' };
import written12 from './corpus/written-12.json' with { type: 'json' };
import written13 from './corpus/written-13.json' with { type: 'json' };
import written14 from './corpus/written-14.json' with { type: 'json' };
import written15 from './corpus/written-15.json' with { type: 'json' };
import written16 from './corpus/written-16.json' with { type: 'json' };
import written17 from './corpus/written-17.json' with { type: 'json' };
import written18 from './corpus/written-18.json' with { type: 'json' };
import written19 from './corpus/written-19.json' with { type: 'json' };
import written20 from './corpus/written-20.json' with { type: 'json' };
import written21 from './corpus/written-21.json' with { type: 'json' };
import written22 from './corpus/written-22.json' with { type: 'json' };
import written23 from './corpus/written-23.json' with { type: 'json' };
import written24 from './corpus/written-24.json' with { type: 'json' };
import written25 from './corpus/written-25.json' with { type: 'json' };
import written26 from './corpus/written-26.json' with { type: 'json' };
import written27 from './corpus/written-27.json' with { type: 'json' };
import written28 from './corpus/written-28.json' with { type: 'json' };
import written29 from './corpus/written-29.json' with { type: 'json' };
import written30 from './corpus/written-30.json' with { type: 'json' };
import written31 from './corpus/written-31.json' with { type: 'json' };
import written32 from './corpus/written-32.json' with { type: 'json' };
import written33 from './corpus/written-33.json' with { type: 'json' };
import written34 from './corpus/written-34.json' with { type: 'json' };
import written35 from './corpus/written-35.json' with { type: 'json' };
import written36 from './corpus/written-36.json' with { type: 'json' };
import written37 from './corpus/written-37.json' with { type: 'json' };
import written38 from './corpus/written-38.json' with { type: 'json' };
import written39 from './corpus/written-39.json' with { type: 'json' };
import written40 from './corpus/written-40.json' with { type: 'json' };
import written41 from './corpus/written-41.json' with { type: 'json' };
import written42 from './corpus/written-42.json' with { type: 'json' };
import written43 from './corpus/written-43.json' with { type: 'json' };
import written44 from './corpus/written-44.json' with { type: 'json' };
import written45 from './corpus/written-45.json' with { type: 'json' };
import written46 from './corpus/written-46.json' with { type: 'json' };
import written48 from './corpus/written-48.json' with { type: 'json' };
import written49 from './corpus/written-49.json' with { type: 'json' };
import written50 from './corpus/written-50.json' with { type: 'json' };
import written51 from './corpus/written-51.json' with { type: 'json' };
import written52 from './corpus/written-52.json' with { type: 'json' };
import written53 from './corpus/written-53.json' with { type: 'json' };
import written54 from './corpus/written-54.json' with { type: 'json' };
import written55 from './corpus/written-55.json' with { type: 'json' };
import written56 from './corpus/written-56.json' with { type: 'json' };
import written59 from './corpus/written-59.json' with { type: 'json' };
import written60 from './corpus/written-60.json' with { type: 'json' };
import written61 from './corpus/written-61.json' with { type: 'json' };
import written62 from './corpus/written-62.json' with { type: 'json' };
import written63 from './corpus/written-63.json' with { type: 'json' };
import written64 from './corpus/written-64.json' with { type: 'json' };
import written65 from './corpus/written-65.json' with { type: 'json' };
import written66 from './corpus/written-66.json' with { type: 'json' };
import written67 from './corpus/written-67.json' with { type: 'json' };
import written68 from './corpus/written-68.json' with { type: 'json' };
import written69 from './corpus/written-69.json' with { type: 'json' };
import written70 from './corpus/written-70.json' with { type: 'json' };
import written71 from './corpus/written-71.json' with { type: 'json' };
import written72 from './corpus/written-72.json' with { type: 'json' };
import written57 from './corpus/written-57.json' with { type: 'json' };
import written58 from './corpus/written-58.json' with { type: 'json' };
import written73 from './corpus/written-73.json' with { type: 'json' };
import written74 from './corpus/written-74.json' with { type: 'json' };
import written75 from './corpus/written-75.json' with { type: 'json' };
import written76 from './corpus/written-76.json' with { type: 'json' };
import written77 from './corpus/written-77.json' with { type: 'json' };
import written78 from './corpus/written-78.json' with { type: 'json' };
import written79 from './corpus/written-79.json' with { type: 'json' };
import written80 from './corpus/written-80.json' with { type: 'json' };
import written81 from './corpus/written-81.json' with { type: 'json' };
import written82 from './corpus/written-82.json' with { type: 'json' };
import written83 from './corpus/written-83.json' with { type: 'json' };
import written84 from './corpus/written-84.json' with { type: 'json' };
import written85 from './corpus/written-85.json' with { type: 'json' };
import written86 from './corpus/written-86.json' with { type: 'json' };
import written87 from './corpus/written-87.json' with { type: 'json' };
import written88 from './corpus/written-88.json' with { type: 'json' };
import written89 from './corpus/written-89.json' with { type: 'json' };
import written90 from './corpus/written-90.json' with { type: 'json' };
import written95 from './corpus/written-95.json' with { type: 'json' };
import written96 from './corpus/written-96.json' with { type: 'json' };
import written97 from './corpus/written-97.json' with { type: 'json' };
import written98 from './corpus/written-98.json' with { type: 'json' };
import written99 from './corpus/written-99.json' with { type: 'json' };
import written100 from './corpus/written-100.json' with { type: 'json' };
import written103 from './corpus/written-103.json' with { type: 'json' };
import written104 from './corpus/written-104.json' with { type: 'json' };
import written105 from './corpus/written-105.json' with { type: 'json' };
import written106 from './corpus/written-106.json' with { type: 'json' };
import written107 from './corpus/written-107.json' with { type: 'json' };
import written108 from './corpus/written-108.json' with { type: 'json' };
import written109 from './corpus/written-109.json' with { type: 'json' };
import written110 from './corpus/written-110.json' with { type: 'json' };
import written111 from './corpus/written-111.json' with { type: 'json' };
import written112 from './corpus/written-112.json' with { type: 'json' };
import written113 from './corpus/written-113.json' with { type: 'json' };
import written114 from './corpus/written-114.json' with { type: 'json' };
import written115 from './corpus/written-115.json' with { type: 'json' };
import written116 from './corpus/written-116.json' with { type: 'json' };

export const CorpusItemSchema = z.strictObject({
  text: z.string().min(1),
  lang: LanguageSchema,
  signals: z.array(SignalIdSchema),
  role: RoleSchema.nullable(),
  profiles: z.array(ProfileIdSchema).max(3),
  split: z.enum(['train', 'test']),
});

export type CorpusItem = z.infer<typeof CorpusItemSchema>;

const files: Record<string, unknown> = {
  'en.json': en,
  'en-extra.json': enExtra,
  /** Independent fresh batches (written by another helper), added after they were measured unseen. */
  'heldout-fresh.json': heldoutFresh,
  /** Own wording (nl/en), written to probe wordings the word lists missed: implicit threats, smothering, lethal-amount questions, look-alikes. */
  'mixed-own.json': mixedOwn,
  'nl-bystander.json': nlBystander,
  'nl-extra.json': nlExtra,
  'nl-mixed.json': nlMixed,
  'nl-neutral.json': nlNeutral,
  'nl-perp.json': nlPerp,
  'nl-victims.json': nlVictims,
  'nl-young.json': nlYoung,
  /**
   * Written by project contributors as independent test sets (batches 4-6 and 8-48, never seen by whoever wrote the lists),
   * measured unseen first and later folded in here; about a quarter of each (chosen by a hash of the text) stays
   * in the test split so nlu:eval keeps measuring on wording the networks did not train on.
   */
  'written-4.json': written4,
  'written-5.json': written5,
  'written-6.json': written6,
  'written-8.json': written8,
  'written-9.json': written9,
  'written-10.json': written10,
  'written-11.json': written11,
  'written-12.json': written12,
  'written-13.json': written13,
  'written-14.json': written14,
  'written-15.json': written15,
  'written-16.json': written16,
  'written-17.json': written17,
  'written-18.json': written18,
  'written-19.json': written19,
  'written-20.json': written20,
  'written-21.json': written21,
  'written-22.json': written22,
  'written-23.json': written23,
  'written-24.json': written24,
  'written-25.json': written25,
  'written-26.json': written26,
  'written-27.json': written27,
  'written-28.json': written28,
  'written-29.json': written29,
  'written-30.json': written30,
  'written-31.json': written31,
  'written-32.json': written32,
  'written-33.json': written33,
  'written-34.json': written34,
  'written-35.json': written35,
  'written-36.json': written36,
  'written-37.json': written37,
  'written-38.json': written38,
  'written-39.json': written39,
  'written-40.json': written40,
  'written-41.json': written41,
  'written-42.json': written42,
  'written-43.json': written43,
  'written-44.json': written44,
  'written-45.json': written45,
  'written-46.json': written46,
  'written-48.json': written48,
  'written-49.json': written49,
  'written-50.json': written50,
  'written-51.json': written51,
  'written-52.json': written52,
  'written-53.json': written53,
  'written-54.json': written54,
  'written-55.json': written55,
  'written-56.json': written56,
  'written-59.json': written59,
  'written-60.json': written60,
  'written-61.json': written61,
  'written-62.json': written62,
  'written-63.json': written63,
  'written-64.json': written64,
  'written-65.json': written65,
  'written-66.json': written66,
  'written-67.json': written67,
  'written-68.json': written68,
  'written-69.json': written69,
  'written-70.json': written70,
  'written-71.json': written71,
  'written-72.json': written72,
  'written-57.json': written57,
  'written-58.json': written58,
  'written-73.json': written73,
  'written-74.json': written74,
  'written-75.json': written75,
  'written-76.json': written76,
  'written-77.json': written77,
  'written-78.json': written78,
  'written-79.json': written79,
  'written-80.json': written80,
  'written-81.json': written81,
  'written-82.json': written82,
  'written-83.json': written83,
  'written-84.json': written84,
  'written-85.json': written85,
  'written-86.json': written86,
  'written-87.json': written87,
  'written-88.json': written88,
  'written-89.json': written89,
  'written-90.json': written90,
  'written-95.json': written95,
  'written-96.json': written96,
  'written-97.json': written97,
  'written-98.json': written98,
  'written-99.json': written99,
  'written-100.json': written100,
  'written-103.json': written103,
  'written-104.json': written104,
  'written-105.json': written105,
  'written-106.json': written106,
  'written-107.json': written107,
  'written-108.json': written108,
  'written-109.json': written109,
  'written-110.json': written110,
  'written-111.json': written111,
  'written-112.json': written112,
  'written-113.json': written113,
  'written-114.json': written114,
  'written-115.json': written115,
  'written-116.json': written116,
};

let cached: CorpusItem[] | undefined;

/** Every corpus item, validated; a bad file names itself in the error. */
export function loadCorpus(): CorpusItem[] {
  if (cached) return cached;
  const items: CorpusItem[] = [];
  for (const [name, data] of Object.entries(files)) {
    const parsed = z.array(CorpusItemSchema).safeParse(data);
    if (!parsed.success) throw new Error(`corpus ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    items.push(...parsed.data);
  }
  cached = items;
  return items;
}

export function corpusSplit(split: 'train' | 'test'): CorpusItem[] {
  return loadCorpus().filter((item) => item.split === split);
}
