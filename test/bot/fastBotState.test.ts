// The cheaper bot states: loadTogether reads both states of a turn with one storage read and gives what lazy loads give.
import { MemoryStorage, TestAdapter, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { FastConversationState, FastUserState, loadTogether } from '../../src/bot/fastBotState.js';
import { SqliteStore } from '../../src/storage/sqlite.js';
import { messageTurnContext } from './turnContext.js';

class CountingStorage extends MemoryStorage {
  reads: string[][] = [];
  override read(keys: string[]): Promise<StoreItems> {
    this.reads.push([...keys]);
    return super.read(keys);
  }
}

describe('loadTogether', () => {
  it('loads conversation and user state in one read, with the stored values', async () => {
    const storage = new CountingStorage();
    const conversation = new FastConversationState(storage);
    const user = new FastUserState(storage);
    const adapter = new TestAdapter();
    const first = messageTurnContext(adapter);
    await conversation.createProperty<number>('count').set(first, 3);
    await user.createProperty<string>('lang').set(first, 'en');
    await conversation.saveChanges(first);
    await user.saveChanges(first);

    storage.reads = [];
    const next = messageTurnContext(adapter);
    await loadTogether(next, [conversation, user]);
    expect(storage.reads).toHaveLength(1);
    expect(storage.reads[0]).toHaveLength(2);
    expect(await conversation.createProperty<number>('count').get(next)).toBe(3);
    expect(await user.createProperty<string>('lang').get(next)).toBe('en');
    expect(storage.reads).toHaveLength(1); // the property reads were served from the turn cache

    // Unchanged after the prefetch: saving writes nothing; changed: it writes.
    const writes: unknown[] = [];
    const originalWrite = storage.write.bind(storage);
    storage.write = async (changes) => {
      writes.push(changes);
      return originalWrite(changes);
    };
    await conversation.saveChanges(next);
    expect(writes).toHaveLength(0);
    await conversation.createProperty<number>('count').set(next, 4);
    await conversation.saveChanges(next);
    expect(writes).toHaveLength(1);
  });

  it('leaves a state already loaded this turn alone', async () => {
    const storage = new CountingStorage();
    const conversation = new FastConversationState(storage);
    const user = new FastUserState(storage);
    const context = messageTurnContext(new TestAdapter());
    await conversation.createProperty<number>('count').set(context, 7); // loads and changes it in this turn
    storage.reads = [];
    await loadTogether(context, [conversation, user]);
    expect(storage.reads).toEqual([[expect.stringContaining('user-1')]]);
    expect(await conversation.createProperty<number>('count').get(context)).toBe(7);
  });

  // SQLite hands the text it read (and takes the text the state was saved as) instead of serialising again.
  it('on SQLite, saves a state only when it changed, and stores exactly the change', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const conversation = new FastConversationState(store.state);
      const data = conversation.createProperty<{ n: number; list: string[] }>('data');
      const adapter = new TestAdapter();
      const first = messageTurnContext(adapter);
      await data.set(first, { n: 1, list: ['a'] });
      await conversation.saveChanges(first);

      const writes: unknown[] = [];
      const originalWrite = store.state.write;
      store.state.write = async (changes) => {
        writes.push(JSON.parse(JSON.stringify(changes)));
        return originalWrite(changes);
      };
      const second = messageTurnContext(adapter);
      await loadTogether(second, [conversation]);
      expect(await data.get(second)).toEqual({ n: 1, list: ['a'] });
      await conversation.saveChanges(second);
      expect(writes).toHaveLength(0);
      (await data.get(second))!.list.push('b');
      await conversation.saveChanges(second);
      expect(writes).toHaveLength(1);
      await conversation.saveChanges(second); // saved already: nothing new to write
      expect(writes).toHaveLength(1);

      const third = messageTurnContext(adapter);
      expect(await data.get(third)).toEqual({ n: 1, list: ['a', 'b'] });
    } finally {
      await store.close();
    }
  });
});
