// Loads and validates the labelled training/test corpus (src/nlu/corpus/*.json).
import { z } from 'zod';
import { LanguageSchema, ProfileIdSchema, RoleSchema, SignalIdSchema } from '../ids.js';
import en from './corpus/en.json' with { type: 'json' };
import enExtra from './corpus/en-extra.json' with { type: 'json' };
import heldoutFresh from './corpus/heldout-fresh.json' with { type: 'json' };
import nlBystander from './corpus/nl-bystander.json' with { type: 'json' };
import nlExtra from './corpus/nl-extra.json' with { type: 'json' };
import nlMixed from './corpus/nl-mixed.json' with { type: 'json' };
import nlNeutral from './corpus/nl-neutral.json' with { type: 'json' };
import nlPerp from './corpus/nl-perp.json' with { type: 'json' };
import nlVictims from './corpus/nl-victims.json' with { type: 'json' };
import nlYoung from './corpus/nl-young.json' with { type: 'json' };

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
  'nl-bystander.json': nlBystander,
  'nl-extra.json': nlExtra,
  'nl-mixed.json': nlMixed,
  'nl-neutral.json': nlNeutral,
  'nl-perp.json': nlPerp,
  'nl-victims.json': nlVictims,
  'nl-young.json': nlYoung,
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
