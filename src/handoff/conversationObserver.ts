// Implements the bot's ConversationObserver: keeps urgency, signals and the assessment summary on the record for the staff queue.
import type { AppContext } from '../appContext.js';
import type { AssessmentSummary, ConversationObserver, ProfileSummary } from '../bot/ports.js';
import type { SignalId } from '../ids.js';
import type { ConversationPatch, ConversationRecord } from '../storage/store.js';

const MAX_CAS_ATTEMPTS = 8;

export class RecordObserver implements ConversationObserver {
  constructor(private readonly ctx: AppContext) {}

  async signalsDetected(conversationId: string, signals: SignalId[], urgent: boolean): Promise<void> {
    const updated = await this.update(conversationId, (r) => {
      const merged = [...r.signals, ...signals.filter((s) => !r.signals.includes(s))];
      const nowUrgent = r.urgent || urgent;
      if (merged.length === r.signals.length && nowUrgent === r.urgent) return null;
      return { signals: merged, urgent: nowUrgent };
    });
    if (updated && urgent && !updated.before.urgent) this.ctx.metrics.urgentFlags.inc();
  }

  async assessmentReady(conversationId: string, summary: AssessmentSummary): Promise<void> {
    await this.update(conversationId, (r) => ({ summary: { ...(r.summary ?? {}), assessment: summary } }));
  }

  /** Language and simple mode also tell the handoff notices which texts to use. */
  async profileChanged(conversationId: string, profile: ProfileSummary): Promise<void> {
    await this.update(conversationId, (r) => {
      const s = r.summary ?? {};
      if (s.lang === profile.lang && s.simple === profile.simple && s.role === profile.role) return null;
      return { summary: { ...s, lang: profile.lang, simple: profile.simple, role: profile.role } };
    });
  }

  /** Compare-and-set with retries; a conversation unknown to the store (terminal chat) is skipped. */
  private async update(conversationId: string, change: (r: ConversationRecord) => ConversationPatch | null): Promise<{ before: ConversationRecord } | null> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const before = await this.ctx.store.getConversation(conversationId);
      if (!before) return null;
      const patch = change(before);
      if (!patch) return null;
      const after = await this.ctx.store.updateConversation(conversationId, before.version, { ...patch, updatedAt: this.ctx.clock().getTime() });
      if (after) {
        await this.ctx.bus.publish('conversation', conversationId);
        return { before };
      }
    }
    this.ctx.logger.warn({ conversationId, code: 'observer_cas_exhausted' }, 'conversation record update gave up');
    return null;
  }
}
