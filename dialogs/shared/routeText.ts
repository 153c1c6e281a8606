// The "where to go now" message: services that fit, open now or when they open, 112 always, and whether a person is online.
import type { TurnContext } from 'botbuilder';
import type { BotServices } from '../../src/bot/botServices.js';
import { conversationData } from '../../src/bot/conversationData.js';
import { renderRouteOptions } from '../../src/bot/renderRoute.js';
import { routeNow } from '../../src/bot/routeNow.js';
import { turnTranslator } from '../../src/bot/turnTranslator.js';

export async function routeText(context: TurnContext, services: BotServices): Promise<string> {
  const t = turnTranslator(context);
  const data = await conversationData(services.data, context);
  const { result, staffOnline, now } = await routeNow(context, services);
  const parts = [t(result.urgent ? 'routing:intro_urgent' : 'routing:intro'), renderRouteOptions(t, data.lang, result.options, now)];
  if (!result.options.some((o) => o.service === '112')) parts.push(t('routing:always_112'));
  parts.push(t(staffOnline ? 'routing:staff.available' : 'routing:staff.unavailable'));
  return parts.join('\n\n');
}
