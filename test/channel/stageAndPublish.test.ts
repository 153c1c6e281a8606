// stageAndPublish: the activity gets its id at once, but reaches the bus and the recent-activity cache only once durable.
import { describe, expect, it } from 'vitest';
import { stageAndPublish } from '../../src/channel/activityLog.js';
import { MemoryStore } from '../../src/storage/memory.js';
import { MemoryBus } from '../../src/storage/memoryBus.js';

describe('stageAndPublish', () => {
  it('publishes only after the store says the write is durable, and rejects when it is not', async () => {
    const store = new MemoryStore();
    await store.createConversation('c1', 1);
    let makeDurable!: () => void;
    let failDurable!: (error: Error) => void;
    store.durable = () =>
      new Promise<void>((resolve, reject) => {
        makeDurable = resolve;
        failDurable = reject;
      });
    const bus = new MemoryBus();
    const heard: string[] = [];
    bus.subscribe('activity', (id) => heard.push(id));
    const ctx = { store, bus, clock: () => new Date(5) };

    const { stored, published } = await stageAndPublish(ctx, 'c1', { type: 'message', text: 'hoi' });
    expect(stored.activity.id).toBe('c1|1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual([]);
    makeDurable();
    await published;
    expect(heard).toEqual(['c1']);

    const second = await stageAndPublish(ctx, 'c1', { type: 'message', text: 'nog een' });
    failDurable(new Error('disk full'));
    await expect(second.published).rejects.toThrow('disk full');
    expect(heard).toEqual(['c1']);
  });
});
