// The in-process adapter: delivery, ids, unsupported updates, proactive turns, middleware and per-conversation order.
import { describe, expect, it } from 'vitest';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { LocalChannelAdapter } from '../../src/bot/localChannelAdapter.js';
import { AppError } from '../../src/errors.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const delivered: { reference: Partial<ConversationReference>; activities: Partial<Activity>[] }[] = [];
  let n = 0;
  const adapter = new LocalChannelAdapter(async (reference, activities) => {
    delivered.push({ reference, activities });
    return activities.map(() => ({ id: `id-${++n}` }));
  });
  return { adapter, delivered };
}

const message = (conversation: string, text: string): Partial<Activity> => ({
  type: 'message',
  text,
  channelId: 'test',
  conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'user', name: '', role: 'user' },
  recipient: { id: 'bot', name: 'bot', role: 'bot' },
});

describe('LocalChannelAdapter', () => {
  it('runs middleware then logic, and returns the ids the channel assigned', async () => {
    const { adapter, delivered } = setup();
    const order: string[] = [];
    adapter.use(async (_context, next) => {
      order.push('middleware');
      await next();
    });
    let ids: string[] = [];
    await adapter.processActivity(message('c1', 'hoi'), async (context: TurnContext) => {
      order.push('logic');
      ids = (await context.sendActivities([{ type: 'message', text: 'a' }, { type: 'delay', value: 10 }, { type: 'message', text: 'b' }])).map((r) => r.id);
    });
    expect(order).toEqual(['middleware', 'logic']);
    expect(ids).toEqual(['id-1', '', 'id-2']);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].activities.map((a) => a.text)).toEqual(['a', 'b']);
    expect(delivered[0].reference.conversation?.id).toBe('c1');
  });

  it('updateActivity and deleteActivity throw a coded not_supported error', async () => {
    const { adapter } = setup();
    await adapter.processActivity(message('c1', 'hoi'), async (context) => {
      await expect(context.updateActivity({ id: 'x', type: 'message' })).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'not_supported');
      await expect(context.deleteActivity('x')).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'not_supported');
    });
  });

  it('a proactive turn (continueConversationAsync) runs through the middleware and reaches the same conversation', async () => {
    const { adapter, delivered } = setup();
    const seen: string[] = [];
    adapter.use(async (context, next) => {
      seen.push(context.activity.type);
      await next();
    });
    const reference: Partial<ConversationReference> = {
      channelId: 'test',
      conversation: { id: 'c9', isGroup: false, conversationType: 'personal', name: '' },
      user: { id: 'user', name: '' },
      bot: { id: 'bot', name: 'bot' },
    };
    await adapter.continueConversationAsync('app', reference, async (context) => {
      await context.sendActivity('weer terug');
    });
    expect(seen).toEqual(['event']);
    expect(delivered[0].reference.conversation?.id).toBe('c9');
    expect(delivered[0].activities[0].text).toBe('weer terug');
  });

  it('two messages of one conversation are processed one after another; another conversation does not wait', async () => {
    const { adapter } = setup();
    const log: string[] = [];
    const logic = async (context: TurnContext) => {
      log.push(`start ${context.activity.conversation.id}:${context.activity.text}`);
      if (context.activity.text === 'slow') await tick(30);
      log.push(`end ${context.activity.conversation.id}:${context.activity.text}`);
    };
    await Promise.all([
      adapter.processActivity(message('c1', 'slow'), logic),
      adapter.processActivity(message('c1', 'fast'), logic),
      adapter.processActivity(message('c2', 'other'), logic),
    ]);
    expect(log.indexOf('end c1:slow')).toBeLessThan(log.indexOf('start c1:fast'));
    expect(log.indexOf('end c2:other')).toBeLessThan(log.indexOf('end c1:slow'));
  });

  it('an activity without a conversation id is rejected with a coded error', async () => {
    const { adapter } = setup();
    await expect(adapter.processActivity({ type: 'message', text: 'x' }, async () => undefined)).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'invalid_activity',
    );
  });
});
