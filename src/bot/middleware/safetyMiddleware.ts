// Reads every user message for danger first: critical signals get what-to-do-now at once, whatever dialog is running.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { isCritical, type CriticalSignalId } from '../../ids.js';
import type { BotServices } from '../botServices.js';
import { conversationData, recordSignals } from '../conversationData.js';
import { safetyReplyText } from '../safetyReply.js';
import { markHandled, setTurnAnalysis } from '../turnFlags.js';
import { isStaffActivity } from './isStaffActivity.js';

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
    }
  }
}
