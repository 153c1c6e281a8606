// The per-conversation router: serial turns, bot only in bot/monitor mode, the handoff hook otherwise, welcome on start.
import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import type { AppContext } from '../../src/appContext.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { MemoryBus } from '../../src/storage/memoryBus.js';
import { openMemoryStore } from '../../src/storage/memory.js';
import { ConversationRouter } from '../../src/channel/conversationRouter.js';
import { createDeliver } from '../../src/channel/activityLog.js';
import type { ConversationMode, ConversationRecord, StoredActivity } from '../../src/storage/store.js';

function context(): AppContext {
  return {
    config: loadConfig({}),
    store: openMemoryStore(),
    bus: new MemoryBus(),
    logger: createLogger('silent'),
    metrics: createMetrics(),
    clock: () => new Date(),
  };
}

const userMessage = (conversationId: string, text: string) => ({ type: 'message', text, conversation: { id: conversationId }, from: { id: 'u', role: 'user' } });

describe('ConversationRouter', () => {
  it('starts a conversation once, counts it and sends the bot a conversationUpdate with the user joining', async () => {
    const ctx = context();
    const seen: Partial<Activity>[] = [];
    const router = new ConversationRouter(ctx, { bot: { handle: async (a) => void seen.push(a) } });
    expect(await router.start('conv-aaaaaaaa', 'en')).toEqual({ created: true });
    expect(await router.start('conv-aaaaaaaa')).toEqual({ created: false });
    await router.drain();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'conversationUpdate', membersAdded: [{ role: 'user' }], locale: 'en', conversation: { id: 'conv-aaaaaaaa' } });
    expect(await ctx.store.listActivities('conv-aaaaaaaa', 0)).toEqual([]);
    expect((await ctx.metrics.registry.getSingleMetricAsString('hulpwijzer_conversations_started_total'))).toMatch(/ 1$/m);
  });

  it('never runs two turns of one conversation at once and keeps their order', async () => {
    const ctx = context();
    const deliver = createDeliver(ctx);
    let inside = 0;
    let maxInside = 0;
    const router = new ConversationRouter(ctx, {
      bot: {
        handle: async (a) => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 5));
          if (a.type === 'message') await deliver({ conversation: a.conversation! }, [{ type: 'message', text: `re: ${a.text}` }]);
          inside--;
        },
      },
    });
    await router.start('conv-bbbbbbbb');
    await Promise.all(['1', '2', '3', '4'].map((n) => router.receive('conv-bbbbbbbb', userMessage('conv-bbbbbbbb', n))));
    await router.drain();
    expect(maxInside).toBe(1);
    const texts = (await ctx.store.listActivities('conv-bbbbbbbb', 0)).map((a) => a.activity.text);
    expect(texts).toEqual(['1', 're: 1', '2', 're: 2', '3', 're: 3', '4', 're: 4']);
  });

  it.each<[ConversationMode, 'bot' | 'hook']>([
    ['bot', 'bot'],
    ['monitor', 'bot'],
    ['queued', 'hook'],
    ['agent', 'hook'],
  ])('in %s mode a user message goes to the %s', async (mode, expected) => {
    const ctx = context();
    const botSaw: string[] = [];
    const hookSaw: [ConversationRecord, StoredActivity][] = [];
    const router = new ConversationRouter(ctx, {
      bot: { handle: async (a) => void (a.type === 'message' && botSaw.push(String(a.text))) },
      onHandedOffMessage: async (record, stored) => void hookSaw.push([record, stored]),
    });
    await router.start('conv-cccccccc');
    await router.drain();
    const record = (await ctx.store.getConversation('conv-cccccccc'))!;
    await ctx.store.updateConversation(record.id, record.version, { mode });
    const stored = await router.receive('conv-cccccccc', userMessage('conv-cccccccc', 'hallo'));
    await router.drain();
    expect(stored.activity.id).toBe('conv-cccccccc|1');
    if (expected === 'bot') {
      expect(botSaw).toEqual(['hallo']);
      expect(hookSaw).toEqual([]);
    } else {
      expect(botSaw).toEqual([]);
      expect(hookSaw).toHaveLength(1);
      expect(hookSaw[0]![0].mode).toBe(mode);
      expect(hookSaw[0]![1].activity.text).toBe('hallo');
    }
  });

  it('keeps the queue going when the bot throws, and logs no text', async () => {
    const ctx = context();
    const lines: string[] = [];
    ctx.logger = createLogger('info', { write: (line: string) => void lines.push(line) } as never);
    let calls = 0;
    const router = new ConversationRouter(ctx, {
      bot: {
        handle: async (a) => {
          calls++;
          if (a.text === 'kapot') throw new Error(`cannot handle ${a.text}`);
        },
      },
    });
    await router.start('conv-dddddddd');
    await router.receive('conv-dddddddd', userMessage('conv-dddddddd', 'kapot'));
    await router.receive('conv-dddddddd', userMessage('conv-dddddddd', 'daarna'));
    await router.drain();
    expect(calls).toBe(3);
    expect(lines.join('')).toContain('bot turn failed');
    expect(lines.join('')).not.toContain('kapot');
  });

  it('rejects a message for a conversation that does not exist', async () => {
    const ctx = context();
    const router = new ConversationRouter(ctx, { bot: { handle: async () => undefined } });
    await expect(router.receive('conv-missing1', userMessage('conv-missing1', 'x'))).rejects.toMatchObject({ code: 'conversation_not_found' });
  });
});
