// Fills the chat page template with the texts of one language and the page data the browser script reads.
import type { PageSettings } from './pageSettings.js';
import { webText, type WebStrings } from './webStrings.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON that is safe inside <script type="application/json">: no "</script>" or "<!--" can appear. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface PageInput {
  template: string;
  settings: PageSettings;
  lang: string;
  strings: WebStrings;
  /** Values for {{name}} placeholders inside texts, e.g. the retention time. */
  vars: Record<string, string>;
  /** URL prefix where the other languages' texts are served as JSON. */
  localesPath: string;
}

/** What the browser script needs; no user data ever goes in here. */
export function pageData(input: PageInput) {
  const { settings } = input;
  return {
    lang: input.lang,
    strings: { [input.lang]: input.strings },
    vars: input.vars,
    localesPath: input.localesPath,
    quickExitUrl: settings.quickExitUrl,
    escPresses: settings.escPresses,
    escWindowMs: settings.escWindowMs,
    directLinePath: settings.directLinePath,
    languages: settings.languages,
  };
}

/** The page in the given language, standard (not simple) mode; the browser switches language and mode without reloading. */
export function renderPage(input: PageInput): string {
  const { settings, lang, strings, vars } = input;
  const language = settings.languages.find((l) => l.code === lang);
  if (!language) throw new Error(`page language ${lang} is not configured`);
  const languageOptions = settings.languages
    .map(
      (l) =>
        `<label class="hw-lang" lang="${escapeHtml(l.code)}"><input type="radio" name="lang" value="${escapeHtml(l.code)}"${
          l.code === lang ? ' checked' : ''
        }><span>${escapeHtml(l.name)}</span></label>`,
    )
    .join('\n        ');
  return input.template
    .replace(/^<!-- .*-->\n/m, '')
    .replace(/\{\{t:([\w.]+)\}\}/g, (_, key: string) => escapeHtml(webText(strings, key, false, vars)))
    .replace('{{lang}}', () => escapeHtml(lang))
    .replace('{{dir}}', () => language.dir)
    .replace('{{languageOptions}}', () => languageOptions)
    .replace('{{pageData}}', () => jsonForScript(pageData(input)));
}
