// Applies handoff transitions with compare-and-set, writes their events and notices to the log, audits them and tells the bus.
import type { Activity } from 'botbuilder';
import type { AppContext } from '../appContext.js';
import { AppError } from '../errors.js';
import type { HandoffPort, HandoffReason } from '../bot/ports.js';
import type { ConversationRecord, StoredActivity } from '../storage/store.js';
import { isWithinOfficeHours, loadOfficeHours, type OfficeHours } from '../staff/officeHours.js';
import { firstName } from '../staff/staffName.js';
import { transitionPatch, type HandoffEvent } from './modeMachine.js';
import { botMessage, handoffInitiation, handoffStatus, staffMessage, type SuggestedAction } from './handoffActivities.js';
import { conversationLocale, type ConversationLocale } from './conversationLocale.js';
import { noPersonText } from './openServices.js';
import { appendAndPublish } from '../channel/activityLog.js';
import { SUPPORTED_LANGUAGES, translator } from '../bot/i18n.js';

export class ConversationNotFoundError extends AppError {
  constructor() {
    super('not_found', 'conversation not found', 404);
  }
}

export interface HandoffOptions {
  officeHours?: OfficeHours;
  /** An 'online' presence older than this (ms) no longer counts: the console refreshes it every minute while open. */
  presenceTtlMs?: number;
}

/** Stale writes are retried this often: other writers (signals, summaries) bump the version too. */
const MAX_CAS_ATTEMPTS = 8;
const DEFAULT_PRESENCE_TTL_MS = 3 * 60 * 1000;

export class HandoffService implements HandoffPort {
  readonly officeHours: OfficeHours;
  private readonly presenceTtlMs: number;

  constructor(
    private readonly ctx: AppContext,
    options: HandoffOptions = {},
  ) {
    this.officeHours = options.officeHours ?? loadOfficeHours();
    this.presenceTtlMs = options.presenceTtlMs ?? DEFAULT_PRESENCE_TTL_MS;
  }

  private now(): Date {
    return this.ctx.clock();
  }

  /** True when a staff member is online (recently refreshed) and the helpdesk is within office hours. */
  async staffAvailable(_conversationId?: string): Promise<boolean> {
    const now = this.now();
    if (!isWithinOfficeHours(this.officeHours, now)) return false;
    const presence = await this.ctx.store.listPresence();
    return presence.some((p) => p.status === 'online' && now.getTime() - p.updatedAt <= this.presenceTtlMs);
  }

  /** The bot's door: queue for a person when someone can come, otherwise tell the user where to go instead. */
  async requestHuman(conversationId: string, reason: HandoffReason): Promise<{ accepted: boolean }> {
    const record = await this.get(conversationId);
    if (record.mode === 'queued' || record.mode === 'agent') return { accepted: true };
    if (!(await this.staffAvailable(conversationId))) {
      const locale = conversationLocale(record);
      await this.say(record.id, botMessage(record.id, noPersonText(record, locale, 'handoff:noStaff', this.now()), locale.tag, this.now()));
      this.ctx.logger.info({ conversationId, reason, accepted: false }, 'handoff requested');
      return { accepted: false };
    }
    await this.transition(conversationId, 'request', null, { reason });
    return { accepted: true };
  }

  /** Staff starts reading along with a bot conversation. */
  watch(conversationId: string, staffName: string): Promise<ConversationRecord> {
    return this.transition(conversationId, 'watch', staffName);
  }

  unwatch(conversationId: string, staffName: string): Promise<ConversationRecord> {
    return this.transition(conversationId, 'unwatch', staffName);
  }

  /** Take over; of several staff claiming at once exactly one wins, the others get 409. */
  claim(conversationId: string, staffName: string): Promise<ConversationRecord> {
    return this.transition(conversationId, 'claim', staffName);
  }

  /** Hand back to the bot: the user is told who left, then the bot's one proactive turn. */
  release(conversationId: string, staffName: string): Promise<ConversationRecord> {
    return this.transition(conversationId, 'release', staffName);
  }

  close(conversationId: string, staffName: string): Promise<ConversationRecord> {
    return this.transition(conversationId, 'close', staffName);
  }

  /** The user pressed "stop waiting". */
  cancelByUser(conversationId: string): Promise<ConversationRecord> {
    return this.transition(conversationId, 'cancel', null);
  }

  /** The "stop waiting" button in any language and mode (the user may have switched since it was shown). */
  isCancelText(_record: ConversationRecord, text: string): boolean {
    const typed = text.trim().toLocaleLowerCase();
    return SUPPORTED_LANGUAGES.some((lang) => [false, true].some((simple) => translator(lang, simple)('handoff:cancelButton').toLocaleLowerCase() === typed));
  }

  /** Only the staff member holding the conversation may write to the user. */
  async sendStaffMessage(conversationId: string, staffName: string, text: string): Promise<StoredActivity> {
    const record = await this.get(conversationId);
    if (record.mode !== 'agent' || record.assignedTo !== staffName) {
      throw new AppError('not_holder', 'only the staff member who has taken over this conversation can write in it', 403);
    }
    const locale = conversationLocale(record);
    const stored = await this.say(conversationId, staffMessage(conversationId, staffName, locale.t('handoff:staffMarker'), text, locale.tag, this.now()));
    await this.audit(staffName, 'message', conversationId);
    return stored;
  }

  /** A private note for colleagues; never in the activity log, so the user never sees it. */
  async addNote(conversationId: string, staffName: string, text: string): Promise<void> {
    await this.get(conversationId);
    await this.ctx.store.addNote({ conversationId, staffName, text, at: this.now().getTime() });
    await this.audit(staffName, 'note', conversationId);
  }

  /**
   * Sends queued conversations back to the bot when they waited too long or no staff member is available any more,
   * and hands back conversations whose holder vanished (signed out, session ended, browser closed): nobody is left
   * talking to a silent bot.
   */
  async sweepQueue(): Promise<number> {
    const waiting = await this.ctx.store.listConversations({ modes: ['queued', 'agent', 'monitor'] });
    if (waiting.length === 0) return 0;
    const limitMs = this.ctx.config.QUEUE_WAIT_LIMIT_SECONDS * 1000;
    const now = this.now().getTime();
    const available = await this.staffAvailable();
    const presence = await this.ctx.store.listPresence();
    const present = (name: string | null) => presence.some((p) => p.staffName === name && p.status !== 'offline' && now - p.updatedAt <= this.presenceTtlMs);
    let moved = 0;
    for (const record of waiting) {
      let event: HandoffEvent | null = null;
      if (record.mode === 'queued') event = !available ? 'no_staff' : record.waitingSince !== null && now - record.waitingSince >= limitMs ? 'timeout' : null;
      else if (!present(record.assignedTo)) event = record.mode === 'agent' ? 'release' : 'unwatch';
      if (!event) continue;
      try {
        // For a vanished holder the system acts in their name (the machine allows only the holder), and the audit says 'system'.
        await this.transition(record.id, event, record.mode === 'queued' ? null : record.assignedTo, { auditActor: 'system' });
        moved++;
      } catch (error) {
        // Claimed, cancelled or handed back in the meantime: that conversation is in good hands.
        if (!(error instanceof AppError && (error.status === 409 || error.status === 403))) throw error;
      }
    }
    return moved;
  }

  /** Runs the sweep every `intervalMs`; returns a stop function. */
  startQueueTimer(intervalMs = 5000): () => void {
    const timer = setInterval(() => {
      this.sweepQueue().catch((error: unknown) => this.ctx.logger.error({ code: (error as AppError).code ?? 'sweep_failed' }, 'queue sweep failed'));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async get(conversationId: string): Promise<ConversationRecord> {
    const record = await this.ctx.store.getConversation(conversationId);
    if (!record) throw new ConversationNotFoundError();
    return record;
  }

  /**
   * The one place a mode changes: read, compute the patch (throws 409/403), compare-and-set, retry on a stale version.
   * A retry re-reads, so the loser of a claim race sees mode 'agent' and gets 'already_claimed'.
   */
  private async transition(conversationId: string, event: HandoffEvent, actor: string | null, context: Record<string, unknown> = {}): Promise<ConversationRecord> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const before = await this.get(conversationId);
      const patch = transitionPatch(before, event, actor, this.now().getTime());
      const after = await this.ctx.store.updateConversation(conversationId, before.version, patch);
      if (!after) continue;
      await this.afterTransition(before, after, event, actor, context);
      return after;
    }
    throw new AppError('busy', 'the conversation changed too often to apply this; try again', 409);
  }

  private async afterTransition(before: ConversationRecord, after: ConversationRecord, event: HandoffEvent, actor: string | null, context: Record<string, unknown>): Promise<void> {
    const id = after.id;
    const now = this.now();
    const locale = conversationLocale(after);
    const { t } = locale;
    const name = actor ? firstName(actor) : '';
    const note = (key: string, actions: SuggestedAction[] = []) => botMessage(id, t(key, { name }), locale.tag, now, actions);
    const out: Record<string, unknown>[] = [];
    switch (event) {
      case 'request':
        out.push(handoffInitiation(id, await this.lastUserActivity(id), { reason: context.reason ?? 'user_asked', urgent: after.urgent, signals: after.signals }, now));
        out.push(note('handoff:queued', [{ title: t('handoff:cancelButton'), value: t('handoff:cancelButton') }]));
        break;
      case 'watch':
        out.push(handoffStatus(id, 'watching', 'staff_watching', now), note('handoff:watching'));
        break;
      case 'unwatch':
        out.push(handoffStatus(id, 'watching_ended', 'staff_stopped_watching', now), note('handoff:watchingEnded'));
        break;
      case 'claim':
        // From monitor nobody asked for a person yet: the takeover itself starts the handoff.
        if (before.mode === 'monitor') out.push(handoffInitiation(id, await this.lastUserActivity(id), { reason: 'staff_takeover', urgent: after.urgent, signals: after.signals }, now));
        out.push(handoffStatus(id, 'accepted', 'staff_joined', now), note('handoff:joined'));
        this.ctx.metrics.handoffs.inc();
        break;
      case 'release':
        out.push(handoffStatus(id, 'completed', 'handed_back', now), note('handoff:left'), this.botBack(id, locale, now));
        break;
      case 'close':
        out.push(handoffStatus(id, 'completed', 'closed', now), note('handoff:closed'), this.botBack(id, locale, now));
        break;
      case 'cancel':
        out.push(handoffStatus(id, 'failed', 'user_cancelled', now), note('handoff:cancelled'));
        break;
      case 'timeout':
        out.push(handoffStatus(id, 'failed', 'wait_limit', now), botMessage(id, noPersonText(after, locale, 'handoff:waitTooLong', now), locale.tag, now));
        break;
      case 'no_staff':
        out.push(handoffStatus(id, 'failed', 'no_staff', now), botMessage(id, noPersonText(after, locale, 'handoff:staffLeft', now), locale.tag, now));
        break;
    }
    for (const activity of out) await this.say(id, activity);
    if (actor && ['claim', 'release', 'close', 'watch', 'unwatch'].includes(event)) {
      await this.audit(typeof context.auditActor === 'string' ? context.auditActor : actor, event, id);
    }
    await this.ctx.bus.publish('conversation', id);
    this.ctx.logger.info({ conversationId: id, event, from: before.mode, to: after.mode }, 'handoff transition');
  }

  /** The bot's one proactive turn after a person leaves: it is back, and here is what can be done next. */
  private botBack(id: string, locale: ConversationLocale, now: Date): Record<string, unknown> {
    const { t } = locale;
    const steps = ['help', 'safety', 'person'].map((k) => ({ title: t(`handoff:nextSteps.${k}`), value: t(`handoff:nextSteps.${k}`) }));
    return botMessage(id, t('handoff:botBack'), locale.tag, now, steps);
  }

  private async lastUserActivity(conversationId: string): Promise<Partial<Activity> | null> {
    const recent = await this.ctx.store.listActivities(conversationId, 0);
    for (let i = recent.length - 1; i >= 0; i--) {
      const activity = recent[i].activity as Partial<Activity>;
      if (activity.from?.role === 'user') return { id: activity.id, from: activity.from };
    }
    return null;
  }

  /** Appends to the log (which assigns the watermark) and wakes the user's stream and the staff console. */
  private async say(conversationId: string, activity: Record<string, unknown>): Promise<StoredActivity> {
    return appendAndPublish(this.ctx, conversationId, activity);
  }

  private audit(actor: string, action: string, conversationId: string | null): Promise<void> {
    return this.ctx.store.appendAudit({ at: this.now().getTime(), actor, action, conversationId });
  }
}
