// Recognises the global interrupts (stop, ask for a person, help, "are you a bot", back) from phrases kept as data.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseOrThrow } from '../../src/validation.js';

export const INTERRUPTS = ['stop', 'human', 'help', 'bot', 'where', 'safety_info', 'back'] as const;
export type Interrupt = (typeof INTERRUPTS)[number];

const PhrasesSchema = z.strictObject({
  exact: z.partialRecord(z.enum(INTERRUPTS), z.array(z.string().min(1))),
  contains: z.partialRecord(z.enum(INTERRUPTS), z.array(z.string().min(2))),
});

const PHRASES = parseOrThrow(
  PhrasesSchema,
  JSON.parse(readFileSync(new URL('./interrupts.json', import.meta.url), 'utf8')),
  'dialogs/main/interrupts.json',
);

/** Lower case, one space, no closing punctuation: "Stop!" and "stop" are the same request. */
export function normaliseForMatch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[.!,;:\s]+$/g, '').trim();
}

/**
 * Whole-message phrases only for the short commands, so "hij moet stoppen" is never read as "stop";
 * longer questions ("ben je een bot?") may appear inside a sentence. Checked in both languages.
 */
export function matchInterrupt(text: string): Interrupt | undefined {
  const normal = normaliseForMatch(text);
  const bare = normal.replace(/[?]+$/, '').trim();
  for (const id of INTERRUPTS) {
    if (PHRASES.exact[id]?.some((p) => p === normal || p === bare)) return id;
  }
  for (const id of INTERRUPTS) {
    if (PHRASES.contains[id]?.some((p) => normal.includes(p))) return id;
  }
  return undefined;
}
