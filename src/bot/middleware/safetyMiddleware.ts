// Reads every user message for danger first: critical signals get what-to-do-now at once, whatever dialog is running.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { isCritical, type CriticalSignalId, type SignalId } from '../../ids.js';
import type { BotServices } from '../botServices.js';
import { conversationData, recordSignals } from '../conversationData.js';
import { safetyReplyText } from '../safetyReply.js';
import { markHandled, setTurnAnalysis } from '../turnFlags.js';
import { isStaffActivity } from './isStaffActivity.js';
import { turnTranslator } from '../turnTranslator.js';

/** Signals that mean someone is in great distress without an emergency (product.md feature 8: the bot offers a person). */
const DISTRESS_SIGNALS: readonly SignalId[] = ['extreme_fear'];

export class SafetyMiddleware implements Middleware {
  constructor(private readonly services: BotServices) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text?.trim() : undefined;
    if (text && !isStaffActivity(context.activity)) await this.check(context, text);
    await next();
  }

  private async check(context: TurnContext, text: string): Promise<void> {
    const data = await conversationData(this.services.data, context);
    const analysis = this.services.analyser.analyse(text, data.lang);
    setTurnAnalysis(context, analysis);
    const added = recordSignals(data, analysis.signals);
    const critical = analysis.signals.filter(isCritical) as CriticalSignalId[];
    const conversationId = context.activity.conversation.id;
    this.services.logger.info({ conversationId, signals: analysis.signals, critical: critical.length > 0 }, 'message analysed');
    if (critical.length > 0) {
      data.urgent = true;
      await this.services.observer.signalsDetected(conversationId, data.signals, true);
      await context.sendActivity(await safetyReplyText(context, this.services, critical));
      markHandled(context, 'safety');
    } else if (added.length > 0) {
      await this.services.observer.signalsDetected(conversationId, data.signals, data.urgent);
      if (added.some((s) => DISTRESS_SIGNALS.includes(s))) await this.offerPersonForDistress(context);
    }
  }

  /** Great fear is not an emergency, but nobody should sit alone with it: when staff are online, a person is offered once. */
  private async offerPersonForDistress(context: TurnContext): Promise<void> {
    if (!(await this.services.handoff.staffAvailable(context.activity.conversation.id))) return;
    const data = await conversationData(this.services.data, context);
    data.personOffer = 'distress';
    await context.sendActivity(turnTranslator(context)('safety:distress_offer'));
  }
}
