// Recognises typed settings: "/taal en", "/lang nl", "/simpel", "/simpel uit", "/simple off".
import type { ProfileChange } from '../applyProfile.js';
import type { Language } from '../i18n.js';

const LANGUAGE = /^\/(?:taal|lang|language)\s+(nl|en)\s*$/i;
const SIMPLE = /^\/(?:simpel|simple|eenvoudig|makkelijk)(?:\s+(aan|uit|on|off))?\s*$/i;

export function parseSettingCommand(text: string): ProfileChange | undefined {
  const trimmed = text.trim();
  const lang = LANGUAGE.exec(trimmed);
  if (lang) return { lang: lang[1].toLowerCase() as Language };
  const simple = SIMPLE.exec(trimmed);
  if (simple) return { simple: !['uit', 'off'].includes((simple[1] ?? 'aan').toLowerCase()) };
  return undefined;
}
