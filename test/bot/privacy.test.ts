// Nothing the user types reaches the logs; failed turns give a calm message and a clean restart; staff messages are ignored.
import { describe, expect, it } from 'vitest';
import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot } from '../../src/bot/createBot.js';
import { translator } from '../../src/bot/i18n.js';
import type { BotLogger } from '../../src/bot/logger.js';
import { BotHarness, allText, fakeAnalyser } from './harness.js';
import { welcomeAs } from '../dialogs/flow.js';

function capturingLogger(): BotLogger & { lines: unknown[] } {
  const lines: unknown[] = [];
  const log = (fields: Record<string, unknown>, message?: string) => void lines.push({ fields, message });
  return { lines, info: log, warn: log, error: log };
}

const base = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  text,
  channelId: 'test',
  conversation: { id: 'p1', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'u1', name: '', role: 'user' },
  recipient: { id: 'bot', name: '', role: 'bot' },
  ...extra,
});

describe('privacy and failures', () => {
  it('logs ids, types and signals but never the text the user typed', async () => {
    const logger = capturingLogger();
    const secret = 'mijn man Jan Jansen uit Utrecht slaat me met een mes';
    const bot = createBot({
      storage: new MemoryStorage(),
      analyser: fakeAnalyser({ [secret]: { signals: ['weapon'] } }),
      logger,
      deliver: async (_r, a) => a.map(() => ({ id: 'x' })),
    });
    await bot.handle({ ...base(''), type: 'conversationUpdate', membersAdded: [{ id: 'u1', name: '' }] });
    for (const text of ['ja', 'Ik maak me zorgen om iemand anders', 'Zo is het goed', secret, 'ik wil een mens']) await bot.handle(base(text));
    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(5);
    expect(logged).toContain('weapon');
    for (const word of ['Jansen', 'Utrecht', 'slaat', 'zorgen', 'mens']) expect(logged).not.toContain(word);
  });

  it('a failing turn tells the user calmly (112, 0800-2000) and the next message starts cleanly', async () => {
    const logger = capturingLogger();
    const out: Partial<Activity>[] = [];
    let broken = true;
    const bot = createBot({
      storage: new MemoryStorage(),
      analyser: {
        analyse: () => {
          if (broken) throw new Error('model failed on: private words');
          return { signals: [], profiles: [], role: null };
        },
      },
      logger,
      deliver: async (_r, a) => (out.push(...a), a.map(() => ({ id: 'x' }))),
    });
    await bot.handle(base('iets'));
    expect(out.map((a) => a.text)).toEqual([translator('nl', false)('common:error')]);
    expect(JSON.stringify(logger.lines)).not.toContain('private words');
    broken = false;
    out.length = 0;
    await bot.handle(base('hallo'));
    expect(out[0].text).toBe(translator('nl', false)('welcome:intro'));
  });

  it('a message marked as from staff is not analysed and not answered', async () => {
    const analyser = fakeAnalyser();
    const h = new BotHarness({ analyser });
    await welcomeAs(h, 'victim');
    const seenBefore = analyser.seen.length;
    const replies = await h.say('hoi, ik ben medewerker Piet', { from: { id: 'staff:piet', name: 'Piet', role: 'staff' } as Activity['from'] });
    expect(replies).toEqual([]);
    expect(analyser.seen.length).toBe(seenBefore);
    // The user's open question still works afterwards.
    expect(allText(await h.say('het gaat niet goed'))).toContain(h.t('tell:confirm.ask'));
  });
});
