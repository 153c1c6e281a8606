// The bundle's data plugins: JSON read through JSON.parse gives the same values to imports and requires, date-holidays keeps the whole entry of the country read, and nlp.js's language packages give our code their stemmers alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { holidayData, jsonAsParse, stemmersOnly } from '../../src/build/bundle.js';
import { HOLIDAY_COUNTRY } from '../../src/routing/publicHolidays.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-bundle-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON in the bundle', () => {
  it('is the same value for an ES import and a require, keys such as __proto__ included', async () => {
    // A "__proto__" key is a key for JSON.parse, but would set the prototype in an object literal.
    const text = `{"list":[1,"twee",{"drie":null}],"nested":{"a":true},"__proto__":"a key, not a prototype","é ü":"ß"}`;
    writeFileSync(path.join(dir, 'data.json'), text);
    writeFileSync(path.join(dir, 'entry.mjs'), `import data from './data.json' with { type: 'json' };\nexport const imported = data;\nexport const required = require('./data.json');\n`);
    const result = await build({ entryPoints: [path.join(dir, 'entry.mjs')], bundle: true, platform: 'node', format: 'cjs', write: false, plugins: [jsonAsParse()], logLevel: 'silent' });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('JSON.parse(');
    const module = { exports: {} as { imported?: unknown; required?: unknown } };
    new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(path.join(dir, 'entry.mjs')));
    expect(module.exports.imported).toEqual(JSON.parse(text));
    expect(module.exports.required).toEqual(JSON.parse(text));
    expect(Object.hasOwn(module.exports.imported as object, '__proto__')).toBe(true);
  });
});

describe('date-holidays data in the bundle', () => {
  it('keeps the whole entry of the country publicHolidays reads, and only that one', () => {
    const full = createRequire(import.meta.url)('date-holidays/data') as { data: { holidays: Record<string, unknown>; names: unknown; version: string } };
    const kept = holidayData() as typeof full.data;
    expect(Object.keys(kept.holidays)).toEqual([HOLIDAY_COUNTRY]);
    expect(kept.holidays[HOLIDAY_COUNTRY]).toEqual(full.data.holidays[HOLIDAY_COUNTRY]);
    expect(kept.names).toEqual(full.data.names);
    expect(kept.version).toBe(full.data.version);
    expect(Object.keys(full.data.holidays).length).toBeGreaterThan(100);
  });
});

describe("nlp.js's language packages in the bundle", () => {
  it('give our code the same stemmers, without the rest of the package (sentiment lexicon, tokenizers)', async () => {
    const result = await build({
      // Resolved as src/nlu/features.ts resolves it.
      stdin: { contents: `export { StemmerEn } from '@nlpjs/lang-en';\nexport { StemmerNl } from '@nlpjs/lang-nl';\n`, resolveDir: path.resolve('src/nlu'), loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      plugins: [stemmersOnly()],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/sentiment/i);
    const module = { exports: {} as Record<string, new () => { setCurrent(w: string): void; innerStem(): void; getCurrent(): string }> };
    new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(import.meta.url));
    const full = { ...createRequire(import.meta.url)('@nlpjs/lang-en'), ...createRequire(import.meta.url)('@nlpjs/lang-nl') } as typeof module.exports;
    const stem = (Stemmer: (typeof module.exports)[string], word: string) => {
      const stemmer = new Stemmer();
      stemmer.setCurrent(word);
      stemmer.innerStem();
      return stemmer.getCurrent();
    };
    for (const [name, words] of [['StemmerEn', ['threatening', 'knives', 'strangled', 'hopeless']], ['StemmerNl', ['gedreigd', 'messen', 'geslagen', 'wurgde']]] as const) {
      expect(module.exports[name], name).toBeTypeOf('function');
      for (const word of words) expect(stem(module.exports[name]!, word), word).toBe(stem(full[name]!, word));
    }
  });
});
