// Asks routing where to go now for this conversation: role, age, signals, the clock and whether staff are online.
import type { TurnContext } from 'botbuilder';
import { TZDate } from '@date-fns/tz';
import { route, type RouteResult } from '../routing/index.js';
import type { BotServices } from './botServices.js';
import { conversationData } from './conversationData.js';

/** routing wants an ISO instant with the Amsterdam offset, as the CLI and staff views show it. */
export function amsterdamIso(date: Date): string {
  return new TZDate(date, 'Europe/Amsterdam').toISOString();
}

export interface RouteNow {
  result: RouteResult;
  staffOnline: boolean;
  now: Date;
}

export async function routeNow(context: TurnContext, services: BotServices): Promise<RouteNow> {
  const data = await conversationData(services.data, context);
  const now = services.clock();
  const staffOnline = await services.handoff.staffAvailable(context.activity.conversation.id);
  const result = route({
    at: amsterdamIso(now),
    // Before anyone said who they are, route as for the person it is about: the user.
    role: data.role ?? 'victim',
    ...(data.age !== null ? { age: data.age } : {}),
    ...(data.gender !== null ? { gender: data.gender } : {}),
    signals: data.signals,
    staffOnline,
  });
  return { result, staffOnline, now };
}
