// `texts --lang nl [--simple]`: every user-facing string of one language and mode as one JSON object { "namespace:key.path": text }.
import { loadResources, type Language } from '../bot/i18n.js';
import { parseModeArgs } from './chatArgs.js';
import type { CliCommand } from './io.js';

const SIMPLE_SUFFIX = '_simple';

/** Flattens one namespace; in simple mode a key shows its `_simple` sibling when there is one. */
function flatten(prefix: string, node: Record<string, unknown>, simple: boolean, out: Record<string, string>): void {
  for (const [key, value] of Object.entries(node)) {
    if (key.endsWith(SIMPLE_SUFFIX)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      const simpleForm = node[`${key}${SIMPLE_SUFFIX}`];
      out[path] = simple && typeof simpleForm === 'string' ? simpleForm : value;
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      flatten(path, value as Record<string, unknown>, simple, out);
    }
  }
}

export function allTexts(lang: Language, simple: boolean): Record<string, string> {
  const namespaces = loadResources()[lang] ?? {};
  const out: Record<string, string> = {};
  for (const ns of Object.keys(namespaces).sort()) {
    const flat: Record<string, string> = {};
    flatten('', namespaces[ns], simple, flat);
    for (const [key, text] of Object.entries(flat)) out[`${ns}:${key}`] = text;
  }
  return out;
}

export const run: CliCommand = async (args) => {
  const { lang, simple } = parseModeArgs('texts', args, { langRequired: true });
  process.stdout.write(`${JSON.stringify(allTexts(lang, simple), null, 2)}\n`);
};
