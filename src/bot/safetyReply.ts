// Builds the one message the safety interrupt sends: what to do now, advice per critical signal, and whether a person is available.
import type { TurnContext } from 'botbuilder';
import type { CriticalSignalId } from '../ids.js';
import type { BotServices } from './botServices.js';
import { conversationData } from './conversationData.js';
import { renderRouteOptions } from './renderRoute.js';
import { routeNow } from './routeNow.js';
import { turnTranslator } from './turnTranslator.js';

export async function safetyReplyText(context: TurnContext, services: BotServices, critical: readonly CriticalSignalId[]): Promise<string> {
  const t = turnTranslator(context);
  const data = await conversationData(services.data, context);
  const { result, staffOnline, now } = await routeNow(context, services);
  const parts = [t('safety:header'), renderRouteOptions(t, data.lang, result.options, now)];
  // Whatever routing ordered, someone in danger must read 112 in this message.
  if (!result.options.some((o) => o.service === '112')) parts.push(t('safety:always_112'));
  for (const signal of critical) parts.push(t(`safety:advice.${signal}`));
  parts.push(staffOnline ? t('safety:staff.available') : t('safety:staff.unavailable'));
  if (staffOnline) data.personOffer = 'critical';
  parts.push(t('safety:continue'));
  return parts.join('\n\n');
}
