// Content checks: every questionnaire file parses, a broken file is refused with file, field and reason, every text exists.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../../src/bot/i18n.js';
import { allQuestionnaires, loadQuestionnaireDir, loadQuestionnaireFile } from '../../../dialogs/questionnaire/loadQuestionnaires.js';
import { questionnaireIds } from '../../../dialogs/questionnaire/index.js';
import { answerValues, MULTI_NONE, QUESTIONNAIRE_IDS, type Questionnaire } from '../../../dialogs/questionnaire/schema.js';

const DATA_DIR = path.resolve('dialogs/questionnaires');
const resources = loadResources(path.resolve('locales'));

function writeBroken(name: string, mutate: (q: Record<string, any>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'questionnaires-'));
  const data = JSON.parse(readFileSync(path.join(DATA_DIR, 'partner_violence.json'), 'utf8'));
  mutate(data);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

function lookup(lang: 'nl' | 'en', key: string): unknown {
  const [ns, rest] = key.split(':');
  return rest.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resources[lang][ns]);
}

/** Every text key a questionnaire can show. */
function keysOf(qn: Questionnaire): string[] {
  const keys = [`q_${qn.id}:intro`];
  for (const q of qn.questions) {
    const base = `q_${qn.id}:${q.key}`;
    keys.push(`${base}.ask`, `${base}.retry`);
    if (q.kind === 'choice' || q.kind === 'multi') for (const v of answerValues(q).filter((v) => v !== MULTI_NONE)) keys.push(`${base}.options.${v}`);
    for (const rule of q.when ?? []) keys.push(`${base}.${rule.evidence ?? 'evidence'}`);
  }
  return keys;
}

function leafPaths(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('questionnaire data', () => {
  it('has a valid file for every questionnaire id', () => {
    expect(questionnaireIds()).toEqual([...QUESTIONNAIRE_IDS]);
    expect(loadQuestionnaireDir(DATA_DIR).size).toBe(QUESTIONNAIRE_IDS.length);
  });

  it.each([
    ['a wrong kind', (q: Record<string, any>) => (q.questions[0].kind = 'slider'), /^dialogs\/questionnaires\/partner_violence\.json: questions\[0\]\.kind: /],
    ['an unknown signal', (q: Record<string, any>) => (q.questions[4].when[0].signals = ['panic']), /questions\[4\]\.when\[0\]\.signals\[0\]: /],
    ['a rule on an answer the question does not have', (q: Record<string, any>) => (q.questions[4].when[0].answers = ['sometimes']), /questions\[4\]\.when\[0\]\.answers\[0\]: "sometimes" is not an answer/],
    ['an unknown field', (q: Record<string, any>) => (q.questions[1].colour = 'red'), /questions\[1\]\.colour: unknown field/],
    ['counts on a yes/no question', (q: Record<string, any>) => (q.questions[0].kind = 'yesno'), /questions\[0\]\.counts: only a frequency question can count incidents/],
  ])('refuses a file with %s, naming the file and the field', (_what, mutate, message) => {
    const file = writeBroken('partner_violence.json', mutate);
    expect(() => loadQuestionnaireFile(file)).toThrow(message);
  });

  it('refuses a file whose id does not match its name', () => {
    const file = writeBroken('danger.json', () => undefined);
    expect(() => loadQuestionnaireFile(file)).toThrow('dialogs/questionnaires/danger.json: id: "partner_violence" does not match the file name');
  });

  it('refuses a file that is not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'questionnaires-'));
    writeFileSync(path.join(dir, 'trauma.json'), '{ "id": ');
    expect(() => loadQuestionnaireFile(path.join(dir, 'trauma.json'))).toThrow(/^dialogs\/questionnaires\/trauma\.json: not valid JSON/);
  });

  it('keeps every questionnaire short: at most 9 questions, at most 8 in simple mode', () => {
    for (const qn of allQuestionnaires().values()) {
      expect(qn.questions.length, qn.id).toBeLessThanOrEqual(9);
      expect(qn.questions.filter((q) => q.simple).length, qn.id).toBeLessThanOrEqual(8);
      expect(qn.questions.filter((q) => q.simple).length, qn.id).toBeGreaterThan(0);
    }
  });
});

describe('questionnaire texts', () => {
  const all = [...allQuestionnaires().values()];
  it.each(all.map((qn) => [qn.id, qn] as const))('%s: every text exists in nl and en, with a simple form', (_id, qn) => {
    for (const lang of ['nl', 'en'] as const) {
      for (const key of keysOf(qn)) {
        expect(typeof lookup(lang, key), `${lang} ${key}`).toBe('string');
        expect(typeof lookup(lang, `${key}_simple`), `${lang} ${key}_simple`).toBe('string');
      }
    }
  });

  it.each(['questionnaire', ...QUESTIONNAIRE_IDS.map((id) => `q_${id}`)])('%s: nl and en have the same keys, each with a _simple sibling', (ns) => {
    const nl = leafPaths(resources.nl[ns]).sort();
    const en = leafPaths(resources.en[ns]).sort();
    expect(en).toEqual(nl);
    for (const key of nl) {
      if (key.endsWith('_simple')) expect(nl, key).toContain(key.slice(0, -'_simple'.length));
      else expect(nl, key).toContain(`${key}_simple`);
    }
  });

  it('has every engine text the dialog uses', () => {
    const keys = [
      'progress',
      ...['dont_know', 'skip', 'back', 'stop_questions', 'done', 'none'].map((k) => `buttons.${k}`),
      'yesno.yes',
      'yesno.no',
      ...['never', 'once', 'twice', '3-5', '6-10', '11-20', '20+', 'before_past_year'].map((k) => `frequency.${k}`),
      'multi.hint',
      'multi.chosen',
      ...['yes', 'no', 'never', 'dont_know', 'skip', 'back', 'stop_questions', 'done', 'none', 'times'].map((k) => `synonyms.${k}`),
    ];
    for (const lang of ['nl', 'en'] as const) for (const key of keys) expect(typeof lookup(lang, `questionnaire:${key}`), `${lang} ${key}`).toBe('string');
  });
});

describe('simple Dutch texts (children\'s mode)', () => {
  /** Rough Dutch syllables: groups of vowels ("ij", "oe", "aa" count once). */
  const syllables = (word: string) => Math.max(1, (word.normalize('NFKD').toLowerCase().match(/[aeiouy]+/g) ?? []).length);
  const simpleTexts = ['questionnaire', ...QUESTIONNAIRE_IDS.map((id) => `q_${id}`)].flatMap((ns) =>
    leafPaths(resources.nl[ns])
      .filter((key) => key.endsWith('_simple') && !key.startsWith('synonyms.'))
      .map((key) => String(lookup('nl', `${ns}:${key}`)).replace(/\{\{\w+\}\}/g, 'x')),
  );
  const sentences = simpleTexts.flatMap((text) => text.split(/[.!?]+(?:\s|$)|\n/).filter((s) => /\p{L}/u.test(s)));
  const words = sentences.map((s) => s.match(/[\p{L}\p{N}'-]+/gu) ?? []);

  it('keeps sentences short: at most 10 words on average, none over 18', () => {
    const total = words.reduce((n, w) => n + w.length, 0);
    expect(total / sentences.length).toBeLessThanOrEqual(10);
    expect(Math.max(...words.map((w) => w.length))).toBeLessThanOrEqual(18);
  });

  it('reads easily: Flesch-Douma at least 75', () => {
    const all = words.flat();
    const perSentence = all.length / sentences.length;
    const syllablesPer100 = (all.reduce((n, w) => n + syllables(w), 0) / all.length) * 100;
    expect(206.84 - 0.77 * syllablesPer100 - 0.93 * perSentence).toBeGreaterThanOrEqual(75);
  });
});
