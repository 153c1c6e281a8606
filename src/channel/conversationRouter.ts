// One serial queue per conversation: logs each user activity, then lets the bot answer (bot/monitor) or hands it to staff (queued/agent).
import type { Activity } from 'botbuilder';
import type { AppContext } from '../appContext.js';
import type { ConversationRecord, ExclusiveHint, StoredActivity } from '../storage/store.js';
import { ConversationExistsError } from '../storage/storeErrors.js';
import { stageAndPublish } from './activityLog.js';
import { conversationUpdateActivity } from './clientActivity.js';

/** What the router needs from the bot: createBot(...).handle. */
export interface BotTurnHandler {
  handle(activity: Partial<Activity>): Promise<void>;
}

/**
 * Called for a user's message while a person has (or is about to take) the conversation: the message is
 * already in the log and on the streams; the handoff module decides what else happens (notify staff, etc.).
 */
export type HandedOffMessageHook = (record: ConversationRecord, stored: StoredActivity) => Promise<void>;

export interface ConversationRouterOptions {
  bot: BotTurnHandler;
  onHandedOffMessage?: HandedOffMessageHook;
}

/** Without a handoff module, staff views learn about the new message through the 'conversation' topic. */
function defaultHandedOffHook(ctx: Pick<AppContext, 'bus'>): HandedOffMessageHook {
  return async (record) => {
    await ctx.bus.publish('conversation', record.id);
  };
}

export class ConversationRouter {
  private readonly bot: BotTurnHandler;
  private onHandedOffMessage: HandedOffMessageHook;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: AppContext,
    options: ConversationRouterOptions,
  ) {
    this.bot = options.bot;
    this.onHandedOffMessage = options.onHandedOffMessage ?? defaultHandedOffHook(ctx);
  }

  /** Lets the handoff module plug in after construction (the bot and the handoff module need each other). */
  setHandedOffHook(hook: HandedOffMessageHook): void {
    this.onHandedOffMessage = hook;
  }

  /**
   * Creates the conversation if it is new and queues the bot's welcome (a conversationUpdate with the user
   * in membersAdded). Resolves once the record exists; the welcome runs in the conversation's queue, ahead
   * of anything the user sends next. Appends nothing by itself.
   */
  start(conversationId: string, lang?: string): Promise<{ created: boolean }> {
    return this.inQueue(conversationId, undefined, async (settle) => {
      if (await this.ctx.store.getConversation(conversationId)) return settle({ created: false });
      try {
        await this.ctx.store.createConversation(conversationId, this.ctx.clock().getTime());
      } catch (error) {
        if (error instanceof ConversationExistsError) return settle({ created: false }); // another instance won the race
        throw error;
      }
      this.ctx.metrics.conversationsStarted.inc();
      settle({ created: true });
      await this.runBot(conversationUpdateActivity(conversationId, this.ctx.clock(), lang));
    });
  }

  /**
   * Logs a user activity (built by the facade) and publishes it; resolves with the stored activity as soon as
   * it is in the log. The bot's turn (or the handoff hook) then runs in the same queue.
   */
  receive(conversationId: string, activity: Record<string, unknown>): Promise<StoredActivity> {
    // The hint lets PostgreSQL append the message in the round trip that takes the conversation's lock.
    const hint: ExclusiveHint = { stage: { activity, now: () => this.ctx.clock().getTime() } };
    return this.inQueue(conversationId, hint, async (settle) => {
      const { stored, published } = await stageAndPublish(this.ctx, conversationId, activity);
      if (activity.type === 'message') this.ctx.metrics.turns.inc();
      // The sender hears "accepted" only once the message is durable; the bot need not wait for that.
      settle(published.then(() => stored));
      // The append says the mode it saw: the common case, the bot answering, needs no second read.
      if (stored.mode === 'bot' || stored.mode === 'monitor') {
        await this.runBot(stored.activity);
      } else {
        const record = await this.ctx.store.getConversation(conversationId);
        if (!record) return; // deleted by retention in the meantime
        try {
          await this.onHandedOffMessage(record, stored);
        } catch (error) {
          this.ctx.logger.error({ errorName: (error as Error)?.name, errorCode: (error as { code?: string })?.code, mode: record.mode }, 'handoff hook failed');
        }
      }
    });
  }

  /** Resolves when every queued task has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async runBot(activity: Record<string, unknown>): Promise<void> {
    const started = performance.now();
    try {
      await this.bot.handle(activity as Partial<Activity>);
    } catch (error) {
      // The bot's own error handler talks to the user; here we only keep the server and the queue alive.
      this.ctx.logger.error({ errorName: (error as Error)?.name, errorCode: (error as { code?: string })?.code }, 'bot turn failed');
    }
    this.ctx.logger.debug({ type: activity.type, ms: Math.round(performance.now() - started) }, 'bot turn');
  }

  /**
   * Runs `work` in the conversation's exclusive queue. The returned promise settles when `work` calls
   * settle (or fails before that); the rest of `work` keeps the queue until it is done.
   */
  private inQueue<T>(
    conversationId: string,
    hint: ExclusiveHint | undefined,
    work: (settle: (value: T | PromiseLike<T>) => void) => Promise<void>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (value: T | PromiseLike<T>) => {
        settled = true;
        resolve(value);
      };
      const task = this.ctx.store
        .runExclusive(conversationId, () => work(settle), hint)
        .catch((error: unknown) => {
          if (!settled) reject(error);
          else this.ctx.logger.error({ errorName: (error as Error)?.name }, 'conversation task failed');
        })
        .finally(() => {
          this.pending.delete(task);
          if (!settled) reject(new Error('conversation task ended without a result'));
        });
      this.pending.add(task);
    });
  }
}
