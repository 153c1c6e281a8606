// Loads every locales/<lang>/<namespace>.json into one i18next instance; simple mode is the `simple` context.
import i18next, { type i18n as I18n, type TOptions } from 'i18next';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUPPORTED_LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';


function findLocalesDir(): string {
  // Works from src/bot (tsx) and from dist/src/bot (built).
  const candidates = [
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales'),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'locales'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, DEFAULT_LANGUAGE)));
  if (!found) throw new Error(`locales directory not found (looked in ${candidates.join(', ')})`);
  return found;
}

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Reads all namespaces of all supported languages; a file that is not valid JSON stops the start. */
export function loadResources(dir = findLocalesDir()): Resources {
  const resources: Resources = {};
  for (const lang of SUPPORTED_LANGUAGES) {
    resources[lang] = {};
    const langDir = path.join(dir, lang);
    if (!existsSync(langDir)) continue;
    for (const file of readdirSync(langDir).filter((f) => f.endsWith('.json')).sort()) {
      const ns = file.slice(0, -'.json'.length);
      try {
        resources[lang][ns] = JSON.parse(readFileSync(path.join(langDir, file), 'utf8'));
      } catch (error) {
        throw new Error(`locales/${lang}/${file}: not valid JSON (${(error as Error).message})`);
      }
    }
  }
  return resources;
}

let shared: I18n | undefined;

/** One initialised i18next instance for the process (synchronous: resources are bundled in). */
export function getI18n(): I18n {
  if (shared) return shared;
  const resources = loadResources();
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: false,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  shared = instance;
  return instance;
}

export type Translate = (key: string, options?: TOptions) => string;

const translators = new Map<string, Translate>();

/** Interpolated texts kept per translator (question progress, service lines...); the memory is emptied when full. */
const MAX_INTERPOLATED = 5_000;

/**
 * The cache key for a call with options, or undefined when an option is not a plain string, number or boolean
 * (a Date, an object, a function: their text may change, so those calls always go to i18next). The texts kept
 * are tied to no conversation: the same options give the same text for everyone.
 */
function interpolationKey(key: string, options: TOptions): string | undefined {
  let id = key;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') {
      if (value === undefined) continue;
      return undefined;
    }
    // JSON text keeps types apart ("1" and 1) and escapes control characters, so two calls never share a key.
    id += `\u0000${name}=${JSON.stringify(value)}`;
  }
  return id;
}

/**
 * A translator bound to a language and mode. Keys are `namespace:path.to.key`.
 * In simple mode it asks for the `_simple` form and falls back to the standard text.
 * One translator per (language, mode) for the process: the texts never change while it runs, so a text
 * without interpolation options, or with plain values as options, is looked up once and then served from memory.
 */
export function translator(lang: Language, simple: boolean): Translate {
  const id = `${lang}|${simple ? 1 : 0}`;
  let translate = translators.get(id);
  if (translate) return translate;
  const t = getI18n().getFixedT(lang);
  const context = simple ? { context: 'simple' } : undefined;
  const plain = new Map<string, string>();
  const interpolated = new Map<string, string>();
  translate = (key, options) => {
    if (options === undefined) {
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = String(t(key, { ...context }))));
      return text;
    }
    const id = interpolationKey(key, options);
    let text = id === undefined ? undefined : interpolated.get(id);
    if (text !== undefined) return text;
    text = String(t(key, context ? { ...options, ...context } : { ...options }));
    if (id !== undefined) {
      if (interpolated.size >= MAX_INTERPOLATED) interpolated.clear();
      interpolated.set(id, text);
    }
    return text;
  };
  translators.set(id, translate);
  return translate;
}
