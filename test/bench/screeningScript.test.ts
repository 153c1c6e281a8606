// The bench's scripted user must really walk a screening (performance.md: a full scripted screening), not loop at the door.
import { MemoryStorage, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/createBot.js';
import { getAnalyser } from '../../src/nlu/index.js';
import type { DlActivity } from '../scale/directLineClient.js';
import { nextMessage } from './screeningScript.js';

describe('bench screening script', () => {
  it('answers the welcome, tells its story in words and reaches questionnaire questions within 20 turns, never leaving the chat', async () => {
    const analyser = await getAnalyser();
    let replies: Partial<Activity>[] = [];
    const bot = createBot({
      storage: new MemoryStorage(),
      analyser,
      deliver: async (_reference, activities) => {
        replies.push(...activities);
        return activities.map(() => ({ id: '' }));
      },
    });
    const conversation = { id: 'bench-script' } as Activity['conversation'];
    const user = { id: 'user-bench-script', role: 'user' } as Activity['from'];
    const botAccount = { id: 'bot', role: 'bot' } as Activity['recipient'];
    const base = { conversation, from: user, recipient: botAccount, channelId: 'directline', serviceUrl: 'urn:test' };
    await bot.handle({ ...base, type: 'conversationUpdate', membersAdded: [user] });
    const texts: string[] = [];
    const sent: string[] = [];
    for (let turn = 0; turn < 20; turn++) {
      const message = nextMessage(turn, replies as DlActivity[]);
      sent.push(String(message.text ?? ''));
      replies = [];
      await bot.handle({ ...base, type: 'message', locale: 'nl-NL', ...message });
      texts.push(...replies.map((r) => r.text ?? ''));
    }
    expect(texts.some((t) => /Vraag 1 van/.test(t))).toBe(true);
    expect(texts.filter((t) => /Vraag \d+ van/.test(t)).length).toBeGreaterThanOrEqual(8);
    expect(texts.some((t) => /Sluit dit scherm/.test(t))).toBe(false);
    expect(sent.slice(1).some((t) => t.split(' ').length > 10)).toBe(true); // the story in words, besides the opening
  }, 60_000);
});
