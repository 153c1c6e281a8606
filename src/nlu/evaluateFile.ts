// Measures the analyser on a JSON Lines file of labelled messages (text, lang, signals, role, profiles) and lists what it missed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { isCritical, LanguageSchema, ProfileIdSchema, RoleSchema, SignalIdSchema } from '../ids.js';
import type { CorpusItem } from './corpus.js';
import { evaluate, formatEvaluation } from './evaluate.js';
import { getAnalyser } from './index.js';

const LineSchema = z.object({
  text: z.string().min(1),
  lang: LanguageSchema.default('nl'),
  signals: z.array(SignalIdSchema).default([]),
  role: RoleSchema.nullable().default(null),
  profiles: z.array(ProfileIdSchema).default([]),
});

/** Labelled items of a JSON Lines file; a bad line names its number. */
export function readLabelled(path: string): CorpusItem[] {
  const out: CorpusItem[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = LineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path} line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      out.push({ ...parsed.data, split: 'test' });
    });
  return out;
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: tsx src/nlu/evaluateFile.ts <file.jsonl> [--quiet]');
  const quiet = process.argv.includes('--quiet');
  const items = readLabelled(path);
  const analyser = await getAnalyser();
  process.stdout.write(`${formatEvaluation(evaluate(analyser, items))}\n`);
  if (quiet) return;
  // Misses are printed for the developer's own terminal only: this is labelled test data, not user input.
  for (const item of items) {
    const result = analyser.analyse(item.text, item.lang);
    const got = new Set(result.signals);
    const missed = item.signals.filter((s) => isCritical(s) && !got.has(s));
    const neutral = item.signals.length === 0 && item.role === null && item.profiles.length === 0;
    const alarms = neutral ? result.signals.filter(isCritical) : [];
    const roleWrong = item.role !== null && result.role !== item.role;
    const top2 = result.profiles.slice(0, 2).map((p) => p.id);
    const profileWrong = item.profiles.length > 0 && !item.profiles.some((p) => top2.includes(p));
    const notes: string[] = [];
    if (missed.length > 0) notes.push(`MISSED ${missed.join(',')}`);
    if (alarms.length > 0) notes.push(`FALSE ${alarms.join(',')}`);
    if (roleWrong) notes.push(`ROLE ${item.role}<-${result.role}`);
    if (profileWrong) notes.push(`PROFILE ${item.profiles.join(',')}<-${top2.join(',')}`);
    if (notes.length > 0) process.stdout.write(`${notes.join(' | ')} :: ${item.text}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
