// The answers people give most ("Nee", "Weet ik niet", "3 tot 5 keer") and every answer button of the questionnaires never read as danger: each would put the safety answer in the middle of a screening.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCritical } from '../../src/ids.js';
import { getAnalyser } from '../../src/nlu/index.js';

type Tree = { [key: string]: string | Tree };
const locale = (lang: string, file: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}/${file}.json`, import.meta.url), 'utf8')) as Tree;
const strings = (tree: Tree | string): string[] => (typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(strings));
/** The texts under these keys, at any depth (questionnaire options sit under their question). */
const leavesNamed = (tree: Tree, keys: Set<string>): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? (keys.has(key) ? [value] : []) : leavesNamed(value, keys)));

/** Options of the questionnaires that say how often or whether, not what happened (those name acts on purpose). */
const HOW_OFTEN = ['yes', 'no', 'never', 'rarely', 'sometimes', 'often', 'mostly', 'always', 'not_sure', 'no_one', 'no_children', 'neither'];

/** Every answer button the questionnaires and the yes/no questions show, in both languages and both modes. */
function answerButtons(lang: 'nl' | 'en'): string[] {
  const questionnaire = locale(lang, 'questionnaire');
  const common = locale(lang, 'common');
  const answers = (['buttons', 'yesno', 'frequency'] as const).flatMap((key) => strings(questionnaire[key] as Tree));
  const yesNo = ['yes', 'yes_simple', 'no', 'no_simple', 'prefer_not', 'prefer_not_simple'].map((key) => common[key] as string);
  const options = readdirSync(new URL(`../../locales/${lang}/`, import.meta.url))
    .filter((file) => file.startsWith('q_'))
    .flatMap((file) => leavesNamed(locale(lang, file.replace(/\.json$/, '')), new Set(HOW_OFTEN.flatMap((key) => [key, `${key}_simple`]))));
  expect(options.length).toBeGreaterThan(20);
  return [...new Set([...answers, ...yesNo, ...options])];
}

/** Short answers as people type them. */
const TYPED = {
  nl: ['nee', 'Nee!', 'NEE', 'nee.', 'nee nee nee', 'ja', 'soms', 'vaak', 'nooit', 'nee hoor', 'nee, dat niet', 'weet ik niet', 'een paar keer', 'liever niet'],
  en: ['no', 'No!', 'NO', 'nope', 'no no no', 'yes', 'sometimes', 'often', 'never', 'no thanks', "i don't know", 'a few times', "i'd rather not"],
};

describe('answer buttons and short answers', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`${lang}: none reads as a critical signal`, async () => {
      const analyser = await getAnalyser();
      const texts = [...answerButtons(lang), ...TYPED[lang]];
      expect(texts.length).toBeGreaterThan(25);
      const alarms = texts.map((text) => ({ text, critical: analyser.analyse(text, lang).signals.filter(isCritical) })).filter((r) => r.critical.length > 0);
      expect(alarms).toEqual([]);
    });
  }
});
