// Loads the public page's own UI texts (locales/<lang>/web.json), checks them and flattens them to "section.key" entries.
import { z } from 'zod';
import { loadResources, type Resources } from '../bot/i18n.js';
import type { PageSettings } from './pageSettings.js';

/** Flat texts of one language: "exit.button" and its simple form "exit.button_simple". */
export type WebStrings = Record<string, string>;

type Tree = { [key: string]: string | Tree };
const treeSchema: z.ZodType<Tree> = z.lazy(() => z.record(z.string(), z.union([z.string().min(1), treeSchema])));

const SIMPLE_SUFFIX = '_simple';

function flatten(tree: Tree, prefix = '', out: WebStrings = {}): WebStrings {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[full] = value;
    else flatten(value, full, out);
  }
  return out;
}

/**
 * Reads the `web` namespace of every page language. Stops the start when a file is missing,
 * a text has no `_simple` form, or a language lacks a key the default language has.
 */
export function loadWebStrings(settings: PageSettings, resources: Resources = loadResources()): Record<string, WebStrings> {
  const all: Record<string, WebStrings> = {};
  for (const { code } of settings.languages) {
    const file = `locales/${code}/web.json`;
    const parsed = treeSchema.safeParse(resources[code]?.web);
    if (!parsed.success) throw new Error(`${file}: missing or not an object of texts`);
    const flat = flatten(parsed.data);
    for (const key of Object.keys(flat)) {
      if (!key.endsWith(SIMPLE_SUFFIX) && !(key + SIMPLE_SUFFIX in flat)) {
        throw new Error(`${file}: ${key} has no ${key}${SIMPLE_SUFFIX} (simple mode needs every text)`);
      }
    }
    all[code] = flat;
  }
  const reference = all[settings.defaultLanguage] ?? {};
  for (const [code, flat] of Object.entries(all)) {
    const missing = Object.keys(reference).find((key) => !(key in flat));
    if (missing) throw new Error(`locales/${code}/web.json: ${missing} is missing (locales/${settings.defaultLanguage}/web.json has it)`);
  }
  return all;
}

/** The text for key in the given mode; simple mode falls back to the standard text. Fills {{name}} from vars. */
export function webText(strings: WebStrings, key: string, simple: boolean, vars: Record<string, string> = {}): string {
  const text = (simple ? strings[key + SIMPLE_SUFFIX] : undefined) ?? strings[key];
  if (text === undefined) throw new Error(`web text ${key} does not exist`);
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
}
