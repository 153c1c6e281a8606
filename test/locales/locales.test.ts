// Locale content: every key in nl and en, a _simple sibling for every text, no empty text, the id families complete, readable simple Dutch.
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../src/bot/i18n.js';
import { CRITICAL_SIGNALS, PROFILE_IDS, ROLES, SIGNAL_IDS } from '../../src/ids.js';
import { SERVICE_IDS } from '../../src/routing/index.js';
import { allTexts } from '../../src/cli/texts.js';
import { readability } from './readability.js';

const resources = loadResources();
const SIMPLE = '_simple';

/** Every string leaf as "namespace:path" -> text, _simple keys included as they are written. */
function leaves(lang: 'nl' | 'en'): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (prefix: string, node: unknown) => {
    if (node && typeof node === 'object' && !Array.isArray(node)) for (const [k, v] of Object.entries(node)) walk(prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`, v);
    else out.set(prefix, node);
  };
  for (const [ns, tree] of Object.entries(resources[lang] ?? {})) walk(`${ns}:`, tree);
  return out;
}

const nl = leaves('nl');
const en = leaves('en');
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();

describe('locales', () => {
  it('nl and en have the same keys', () => {
    expect([...en.keys()].filter((k) => !nl.has(k))).toEqual([]);
    expect([...nl.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it.each([
    ['nl', nl],
    ['en', en],
  ] as const)('%s: every text key has a _simple sibling, and no _simple key is an orphan', (_lang, map) => {
    const keys = [...map.keys()];
    expect(keys.filter((k) => !k.endsWith(SIMPLE) && !map.has(`${k}${SIMPLE}`))).toEqual([]);
    expect(keys.filter((k) => k.endsWith(SIMPLE) && !map.has(k.slice(0, -SIMPLE.length)))).toEqual([]);
  });

  it.each([
    ['nl', nl],
    ['en', en],
  ] as const)('%s: every text is a non-empty string', (_lang, map) => {
    expect([...map.entries()].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('nl and en use the same placeholders; a simple form uses no placeholder its standard form lacks', () => {
    const wrong: string[] = [];
    for (const [key, text] of nl) {
      const own = placeholders(String(text));
      if (placeholders(String(en.get(key) ?? '')).join() !== own.join()) wrong.push(`en ${key}`);
      if (key.endsWith(SIMPLE)) {
        const standard = placeholders(String(nl.get(key.slice(0, -SIMPLE.length))));
        if (own.some((p) => !standard.includes(p))) wrong.push(`nl ${key}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every signal, profile, role and service the bot can meet has its texts', () => {
    const needed = [
      ...SIGNAL_IDS.flatMap((s) => [`tell:understood.signal.${s}`, `result:red_flags.${s}`, `routing:summary.signal.${s}`]),
      ...CRITICAL_SIGNALS.map((s) => `safety:advice.${s}`),
      ...PROFILE_IDS.flatMap((p) => [`tell:understood.profile.${p}`, `result:profile.${p}`, `result:advice.${p}`]),
      ...ROLES.flatMap((r) => [`welcome:role.${r}`, `welcome:role.ack.${r}`, `tell:role_check.${r}`, `routing:summary.roles.${r}`]),
      ...SERVICE_IDS.map((s) => `services:${s}`),
    ];
    expect(needed.filter((k) => !nl.has(k) || !en.has(k))).toEqual([]);
  });
});

describe('readability of the simple Dutch texts (texts --lang nl --simple)', () => {
  const texts = allTexts('nl', true);
  const overall = readability(Object.values(texts));

  it('Flesch-Douma is at least 75 over all texts', () => {
    expect(overall.fleschDouma).toBeGreaterThanOrEqual(75);
  });

  it('at most 10 words per sentence on average', () => {
    expect(overall.wordsPerSentence).toBeLessThanOrEqual(10);
  });

  it('no sentence is longer than 18 words', () => {
    const long = Object.entries(texts).filter(([, text]) => readability([text]).longestSentence > 18);
    expect(long.map(([key]) => key)).toEqual([]);
  });

  it('the measure itself: long words and long sentences score lower', () => {
    expect(readability(['Ik ben er. Het is goed.']).fleschDouma).toBeGreaterThan(readability(['Gespecialiseerde hulpverleningsorganisaties ondersteunen gezinnen intensief.']).fleschDouma);
    expect(readability(['Een twee drie. Vier vijf zes zeven acht negen tien elf twaalf.']).longestSentence).toBe(9);
  });
});
