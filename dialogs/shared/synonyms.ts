// Words people type instead of pressing a button, per language and choice value (data in synonyms.json, checked at load).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseOrThrow } from '../../src/validation.js';
import type { Language } from '../../src/bot/i18n.js';

const SynonymsSchema = z.record(z.enum(['nl', 'en']), z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().min(1))));

const raw: unknown = JSON.parse(readFileSync(new URL('./synonyms.json', import.meta.url), 'utf8'));
const SYNONYMS = parseOrThrow(SynonymsSchema, raw, 'dialogs/shared/synonyms.json');

/** Synonyms of the conversation's language only: short English words ("me", "no") are also Dutch words with another meaning. */
export function synonymsFor(value: string, lang: Language): string[] {
  return SYNONYMS[lang]?.[value] ?? [];
}
