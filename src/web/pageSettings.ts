// Loads and validates the public page's settings (quick-exit target, Esc rule, languages) from pageSettings.json.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LanguageSchema } from '../ids.js';
import { parseOrThrow } from '../validation.js';
import { webSourceFile } from './webPaths.js';

export const pageSettingsSchema = z
  .object({
    /** Neutral page the quick exit replaces ours with (location.replace, so Back does not return). */
    quickExitUrl: z.url({ protocol: /^https?$/ }),
    /** How many Esc presses within escWindowMs trigger the quick exit. */
    escPresses: z.number().int().min(2).max(5),
    /** Time window in milliseconds for the Esc presses. */
    escWindowMs: z.number().int().min(500).max(5000),
    /** Where the Direct Line facade is mounted on our own origin. */
    directLinePath: z.string().regex(/^\/[a-z0-9/]+$/),
    defaultLanguage: LanguageSchema,
    /** Languages the page offers; dir prepares right-to-left languages. */
    languages: z
      .array(
        z.strictObject({
          code: LanguageSchema,
          name: z.string().min(1),
          webChatLocale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
          dir: z.enum(['ltr', 'rtl']),
        }),
      )
      .min(1),
  })
  .strict()
  .refine((s) => s.languages.some((l) => l.code === s.defaultLanguage), {
    message: 'defaultLanguage must be one of languages',
    path: ['defaultLanguage'],
  });

export type PageSettings = z.infer<typeof pageSettingsSchema>;

/** Reads src/web/pageSettings.json; a bad file stops the start with the field that is wrong. */
export function loadPageSettings(file = webSourceFile('pageSettings.json')): PageSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`src/web/pageSettings.json: not valid JSON (${(error as Error).message})`);
  }
  return parseOrThrow(pageSettingsSchema, raw, 'src/web/pageSettings.json');
}
