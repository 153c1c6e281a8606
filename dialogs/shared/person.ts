// Asking for a person and offering one: checks staff presence, asks the handoff layer, and never leaves someone without 112 / 0800-2000.
import type { TurnContext } from 'botbuilder';
import type { BotServices } from '../../src/bot/botServices.js';
import { conversationData } from '../../src/bot/conversationData.js';
import type { HandoffReason } from '../../src/bot/ports.js';
import { renderRouteOptions } from '../../src/bot/renderRoute.js';
import { routeNow } from '../../src/bot/routeNow.js';
import { turnTranslator } from '../../src/bot/turnTranslator.js';

/** The user agreed to talk to a person. Returns true when the handoff layer took the conversation. */
export async function requestPerson(context: TurnContext, services: BotServices, reason: HandoffReason): Promise<boolean> {
  const conversationId = context.activity.conversation.id;
  if (await services.handoff.staffAvailable(conversationId)) {
    // The handoff layer tells the user the outcome itself (queued, or where to go instead), so the bot adds nothing.
    const { accepted } = await services.handoff.requestHuman(conversationId, reason);
    services.logger.info({ conversationId, reason, accepted }, 'handoff requested');
    return accepted;
  }
  await context.sendActivity(await noPersonText(context, services));
  return false;
}

/** "Nobody is available" plus what is open now, 112 and 0800-2000 always included. */
export async function noPersonText(context: TurnContext, services: BotServices): Promise<string> {
  const t = turnTranslator(context);
  const data = await conversationData(services.data, context);
  const { result, now } = await routeNow(context, services);
  const open = result.options.filter((o) => o.openNow && o.service !== 'helpdesk');
  return [t('interrupts:human.unavailable'), renderRouteOptions(t, data.lang, open, now), t('interrupts:human.emergency')].join('\n\n');
}

/** After repeated misunderstanding or distress: offer a person (the user says yes by typing "mens"), or say who else is there. */
export async function offerPerson(context: TurnContext, services: BotServices): Promise<void> {
  const t = turnTranslator(context);
  if (await services.handoff.staffAvailable(context.activity.conversation.id)) {
    (await conversationData(services.data, context)).personOffer = 'misunderstanding';
    await context.sendActivity(t('interrupts:offer.available'));
  } else {
    await context.sendActivity(`${t('interrupts:offer.intro')}\n\n${await noPersonText(context, services)}`);
  }
}
