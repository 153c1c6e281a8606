// Drives the real bot (createBot + LocalChannelAdapter) turn by turn and collects what it says, for dialog tests.
import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot, type Bot } from '../../src/bot/createBot.js';
import type { Analyser, Analysis } from '../../src/bot/analyser.js';
import { translator, type Language, type Translate } from '../../src/bot/i18n.js';
import type { ConversationObserver, HandoffPort } from '../../src/bot/ports.js';
import type { ConversationData } from '../../src/bot/conversationData.js';

/** Monday 25 Nov 2026 14:00 in Amsterdam: office hours, every service with known hours open. */
export const WEEKDAY_AFTERNOON = new Date('2026-11-23T13:00:00Z');
/** Wednesday 22:30 in Amsterdam: only 24/7 services are open. */
export const WEEKDAY_NIGHT = new Date('2026-11-25T21:30:00Z');

export const NOTHING: Analysis = { signals: [], profiles: [], role: null };

/** A fake analyser: texts listed in `answers` get that analysis, everything else gets nothing. */
export function fakeAnalyser(answers: Record<string, Partial<Analysis>> = {}): Analyser & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    analyse(text: string) {
      seen.push(text);
      return { ...NOTHING, ...(answers[text] ?? {}) };
    },
  };
}

export interface Reply {
  text: string;
  buttons: string[];
}

export interface HarnessOptions {
  analyser?: Analyser;
  handoff?: HandoffPort;
  observer?: ConversationObserver;
  clock?: () => Date;
  lang?: Language;
  simple?: boolean;
  conversationId?: string;
}

export class BotHarness {
  readonly bot: Bot;
  /** The conversation and user state live here; tests may read what the bot stored. */
  readonly storage = new MemoryStorage();
  private outbox: Partial<Activity>[] = [];
  private readonly conversationId: string;
  private lang: Language;
  private simple: boolean;

  constructor(options: HarnessOptions = {}) {
    this.conversationId = options.conversationId ?? 'conv-1';
    this.lang = options.lang ?? 'nl';
    this.simple = options.simple ?? false;
    this.bot = createBot({
      storage: this.storage,
      analyser: options.analyser ?? fakeAnalyser(),
      handoff: options.handoff,
      observer: options.observer,
      clock: options.clock ?? (() => WEEKDAY_AFTERNOON),
      deliver: async (_ref, activities) => {
        this.outbox.push(...activities);
        return activities.map((_, i) => ({ id: `out-${this.outbox.length + i}` }));
      },
    });
  }

  /** The translator of the mode the harness talks in: expected texts come from the locales, not from copies. */
  get t(): Translate {
    return translator(this.lang, this.simple);
  }

  setMode(lang: Language, simple: boolean): void {
    this.lang = lang;
    this.simple = simple;
  }

  private base(): Partial<Activity> {
    return {
      channelId: 'test',
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: '', role: 'user' },
      recipient: { id: 'bot', name: 'hulpwijzer', role: 'bot' },
      serviceUrl: 'http://127.0.0.1',
      channelData: { lang: this.lang, simple: this.simple },
    };
  }

  private take(): Reply[] {
    const replies = this.outbox
      .filter((a) => a.type === 'message')
      .map((a) => ({ text: a.text ?? '', buttons: (a.suggestedActions?.actions ?? []).map((x) => String(x.title)) }));
    this.outbox = [];
    return replies;
  }

  /** What the bot keeps about this conversation (conversationData.ts). */
  async conversationData(): Promise<ConversationData> {
    const key = `test/conversations/${this.conversationId}/`;
    const items = await this.storage.read([key]);
    return (items[key] as { hulpwijzer: ConversationData }).hulpwijzer;
  }

  async start(): Promise<Reply[]> {
    await this.bot.handle({ ...this.base(), type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: '' }] });
    return this.take();
  }

  async say(text: string, extra: Partial<Activity> = {}): Promise<Reply[]> {
    await this.bot.handle({ ...this.base(), type: 'message', text, ...extra });
    return this.take();
  }

  /** Presses the button with this label key (the label is looked up in the current mode). */
  async press(labelKey: string): Promise<Reply[]> {
    return this.say(this.t(labelKey));
  }
}

export function allText(replies: Reply[]): string {
  return replies.map((r) => r.text).join('\n\n');
}

export function lastButtons(replies: Reply[]): string[] {
  for (let i = replies.length - 1; i >= 0; i--) if (replies[i].buttons.length > 0) return replies[i].buttons;
  return [];
}
