// Turns a route() result into plain lines: who to contact, how, and whether they are open now or when they open.
import type { Translate, Language } from './i18n.js';

export interface RouteOptionView {
  service: string;
  channel: 'phone' | 'chat' | 'website';
  contact: string;
  openNow: boolean;
  opensAt?: string;
  hoursKnown?: boolean;
}

const TIME_ZONE = 'Europe/Amsterdam';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

// Formatters are made once: building an Intl.DateTimeFormat costs far more than formatting with one.
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = Object.fromEntries(
  Object.entries(LOCALES).map(([lang, locale]) => [lang, new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' })]),
) as Record<Language, Intl.DateTimeFormat>;
const WEEKDAY = Object.fromEntries(
  Object.entries(LOCALES).map(([lang, locale]) => [lang, new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'long' })]),
) as Record<Language, Intl.DateTimeFormat>;

function amsterdamDay(date: Date): string {
  return DAY.format(date);
}

/** "today at 09:00", "tomorrow at 11:00" or "Monday at 09:00", in Amsterdam time. */
export function formatOpensAt(t: Translate, lang: Language, opensAt: string, now: Date): string {
  const at = new Date(opensAt);
  const time = TIME[lang].format(at);
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
  if (amsterdamDay(at) === amsterdamDay(now)) return t('routing:when.today', { time });
  if (amsterdamDay(at) === amsterdamDay(tomorrow)) return t('routing:when.tomorrow', { time });
  const day = WEEKDAY[lang].format(at);
  return t('routing:when.day', { day, time });
}

export function serviceName(t: Translate, service: string): string {
  return t(`services:${service}`, { defaultValue: service });
}

/** One line per option, e.g. "Veilig Thuis: bel 0800-2000 (nu open)". */
export function renderRouteOption(t: Translate, lang: Language, option: RouteOptionView, now: Date): string {
  const name = serviceName(t, option.service);
  if (option.service === 'helpdesk') return t('routing:option.helpdesk', { name });
  const how = t(`routing:option.${option.channel}`, { name, contact: option.contact });
  let status: string;
  if (option.openNow) status = t('routing:status.open');
  else if (option.hoursKnown === false) status = t('routing:status.unknown');
  else if (option.opensAt) status = t('routing:status.opens', { when: formatOpensAt(t, lang, option.opensAt, now) });
  else status = t('routing:status.closed');
  return t('routing:option.line', { how, status });
}

export function renderRouteOptions(t: Translate, lang: Language, options: readonly RouteOptionView[], now: Date): string {
  return options.map((o) => `- ${renderRouteOption(t, lang, o, now)}`).join('\n');
}
