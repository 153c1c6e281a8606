// What the user is told when no person can take over: the services open now (route()) and, always, 112 and 0800-2000.
import { route } from '../routing/index.js';
import { amsterdamIso } from '../bot/routeNow.js';
import { renderRouteOptions } from '../bot/renderRoute.js';
import type { Role, SignalId } from '../ids.js';
import type { ConversationRecord } from '../storage/store.js';
import type { ConversationLocale } from './conversationLocale.js';

/** The lines of the "no one is available" message: the reason, the open services, then the emergency numbers. */
export function noPersonText(record: ConversationRecord, locale: ConversationLocale, reasonKey: string, now: Date): string {
  const { t, lang } = locale;
  const summary = record.summary ?? {};
  const role = (typeof summary.role === 'string' ? summary.role : 'victim') as Role;
  const result = route({ at: amsterdamIso(now), role, signals: record.signals as SignalId[], staffOnline: false });
  // 112 and 0800-2000 are said in the closing line whatever route() returns, so list the other open services here.
  const open = result.options.filter((o) => o.openNow && o.service !== 'helpdesk');
  const services = open.length > 0 ? `${t('handoff:openServicesIntro')}\n${renderRouteOptions(t, lang, open, now)}` : t('handoff:openServicesNone');
  return [t(reasonKey), services, t('handoff:emergency')].join('\n\n');
}
