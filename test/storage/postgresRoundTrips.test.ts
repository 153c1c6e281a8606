// A bot turn on PostgreSQL in as few round trips as it can (each costs CPU on both sides), and still exact: state and log as a turn left them, for every instance.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import type { StoreItem } from 'botbuilder';
import type { PostgresStore } from '../../src/storage/postgres.js';
import { DATABASE_URL, PG_SKIP_NOTE, dropSchema, openTestStore, uniqueSchema } from './postgresSupport.js';

const conversationKey = (id: string) => `directline/conversations/${id}/`;
const userKey = (id: string) => `directline/users/user-${id}/`;

interface TurnState extends StoreItem {
  turns?: number;
}

describe.skipIf(!DATABASE_URL)(`postgres: round trips of a turn${PG_SKIP_NOTE}`, () => {
  const schema = uniqueSchema('roundtrips');
  let a: PostgresStore;
  let b: PostgresStore;
  // Every statement (or message of several statements) a connection sends, from either store.
  const sent = vi.spyOn(pg.Client.prototype, 'query');
  let n = 0;
  const fresh = () => `rt-${Date.now().toString(36)}-${n++}`;

  beforeAll(async () => {
    a = await openTestStore(schema);
    b = await openTestStore(schema);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });
  beforeEach(() => {
    sent.mockClear();
  });

  /** What the router and the bot do in a turn: log the message, read both states, send two replies, save both states. */
  const botTurn = (store: PostgresStore, id: string, text: string) => {
    const message = { type: 'message', text };
    return store.runExclusive(
      id,
      async () => {
        const stored = await store.stageActivity(id, message, 10);
        await store.durable();
        const items = await store.state.read([conversationKey(id), userKey(id)]);
        const state = (items[conversationKey(id)] ?? {}) as TurnState;
        const replies = [
          await store.stageActivity(id, { type: 'message', text: `reply to ${text}` }, 11),
          await store.stageActivity(id, { type: 'message', text: 'next question' }, 12),
        ];
        await Promise.all([
          store.state.write({ [conversationKey(id)]: { ...state, turns: (state.turns ?? 0) + 1, eTag: '*' } }),
          store.state.write({ [userKey(id)]: { lang: 'nl', eTag: '*' } }),
        ]);
        return { stored, replies };
      },
      { stage: { activity: message, now: () => 10 } },
    );
  };

  it('takes two round trips: lock with the message, the row and the state; replies and state with the unlock', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    sent.mockClear();
    const { stored, replies } = await botTurn(a, id, 'hallo');
    expect(sent).toHaveBeenCalledTimes(2);
    expect(stored).toMatchObject({ seq: 1, mode: 'bot', activity: { text: 'hallo', id: `${id}|1` } });
    expect(replies.map((r) => r.seq)).toEqual([2, 3]);
  });

  it('leaves state and log so that the next turn, on another instance, continues from them', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    await botTurn(a, id, 'one');
    await botTurn(b, id, 'two');
    await botTurn(a, id, 'three');
    expect(((await b.state.read([conversationKey(id)]))[conversationKey(id)] as TurnState).turns).toBe(3);
    const log = await b.listActivities(id, 0);
    expect(log.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log.filter((s) => s.activity.text === 'next question')).toHaveLength(3);
  });

  it('keeps turns of one conversation on two instances apart, so no state write is lost', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    await Promise.all(Array.from({ length: 8 }, (_, i) => botTurn(i % 2 ? a : b, id, `m${i}`)));
    expect(((await a.state.read([conversationKey(id)]))[conversationKey(id)] as TurnState).turns).toBe(8);
    expect((await a.listActivities(id, 0)).map((s) => s.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('reads back what the turn wrote, and a compare-and-set on that eTag succeeds while a stale one fails', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    await a.state.write({ [conversationKey(id)]: { step: 0 } });
    const stale = (await a.state.read([conversationKey(id)]))[conversationKey(id)] as StoreItem;
    await a.runExclusive(id, async () => {
      await a.state.write({ [conversationKey(id)]: { step: 1, eTag: '*' } });
      const mine = (await a.state.read([conversationKey(id)]))[conversationKey(id)] as StoreItem;
      expect(mine.step).toBe(1);
      expect(mine.eTag).not.toBe(stale.eTag);
      await expect(a.state.write({ [conversationKey(id)]: { ...stale, step: 'stale' } })).rejects.toMatchObject({ code: 'etag_conflict' });
      await a.state.write({ [conversationKey(id)]: { ...mine, step: 2 } });
    });
    expect(((await b.state.read([conversationKey(id)]))[conversationKey(id)] as StoreItem).step).toBe(2);
  });

  it('forgets a key deleted during the turn, even one it had written', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    await a.runExclusive(id, async () => {
      await a.state.write({ [conversationKey(id)]: { step: 1 } });
      await a.state.delete([conversationKey(id)]);
      expect(await a.state.read([conversationKey(id)])).toEqual({});
    });
    expect(await b.state.read([conversationKey(id)])).toEqual({});
  });

  it('answers the hinted append as a missing conversation when there is none', async () => {
    const id = fresh();
    const message = { type: 'message', text: 'nobody here' };
    await expect(
      a.runExclusive(id, () => a.stageActivity(id, message, 5), { stage: { activity: message, now: () => 5 } }),
    ).rejects.toMatchObject({ code: 'conversation_not_found' });
  });

  it('answers the record from the turn, and reads it again after a compare-and-set lost to another instance', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    await a.runExclusive(id, async () => {
      sent.mockClear();
      const seen = (await a.getConversation(id))!;
      expect(sent).not.toHaveBeenCalled();
      const claimed = (await b.updateConversation(id, seen.version, { mode: 'agent', assignedTo: 'anna' }))!;
      expect(await a.updateConversation(id, seen.version, { urgent: true })).toBeNull();
      const fresh = (await a.getConversation(id))!;
      expect(fresh).toMatchObject({ mode: 'agent', assignedTo: 'anna', version: claimed.version });
      const mine = (await a.updateConversation(id, fresh.version, { urgent: true }))!;
      expect(await a.getConversation(id)).toEqual(mine);
    });
  });

  it('shows staged replies to nobody before the turn stores them, and says when through durable()', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    let durableSettled = false;
    await a.runExclusive(id, async () => {
      const reply = await a.stageActivity(id, { type: 'message', text: 'staged' }, 5);
      expect(reply.seq).toBe(1);
      void a.durable(id).then(() => (durableSettled = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(durableSettled).toBe(false);
      expect(await b.listActivities(id, 0)).toEqual([]);
    });
    await a.durable(id);
    expect(durableSettled).toBe(true);
    expect((await b.listActivities(id, 0)).map((s) => s.activity.text)).toEqual(['staged']);
  });

  it('reads its own staged replies back, and keeps the order when an append comes in between', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    await a.runExclusive(id, async () => {
      await a.stageActivity(id, { type: 'message', text: 'one' }, 5);
      const between = await a.appendActivity(id, { type: 'event', name: 'staff' }, 6);
      expect(between).toMatchObject({ seq: 2, mode: 'bot' });
      await a.stageActivity(id, { type: 'message', text: 'three' }, 7);
      expect((await a.listActivities(id, 0)).map((s) => s.seq)).toEqual([1, 2, 3]);
      await a.stageActivity(id, { type: 'message', text: 'four' }, 8);
    });
    expect((await b.listActivities(id, 0)).map((s) => [s.seq, s.activity.text ?? s.activity.name])).toEqual([
      [1, 'one'],
      [2, 'staff'],
      [3, 'three'],
      [4, 'four'],
    ]);
  });

  it("makes another instance's append wait for the turn, so the turn's seqs stay its own", async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    let outside: Promise<number> | undefined;
    await a.runExclusive(id, async () => {
      await a.stageActivity(id, { type: 'message', text: 'reply 1' }, 5);
      outside = b.appendActivity(id, { type: 'message', text: 'staff' }, 6).then((s) => s.seq);
      await new Promise((r) => setTimeout(r, 30));
      await a.stageActivity(id, { type: 'message', text: 'reply 2' }, 7);
    });
    expect(await outside).toBe(3);
    expect((await a.listActivities(id, 0)).map((s) => s.activity.text)).toEqual(['reply 1', 'reply 2', 'staff']);
  });

  it('fails the turn and its durable() when its conversation vanished before the staged replies went out', async () => {
    const id = fresh();
    await a.createConversation(id, 1);
    let durable: Promise<void> | undefined;
    const turn = a.runExclusive(id, async () => {
      await a.stageActivity(id, { type: 'message', text: 'too late' }, 5);
      durable = a.durable(id);
      await b.deleteOlderThan(Number.MAX_SAFE_INTEGER);
    });
    await expect(turn).rejects.toMatchObject({ code: 'conversation_not_found' });
    await expect(durable).rejects.toMatchObject({ code: 'conversation_not_found' });
    expect(await b.listActivities(id, 0)).toEqual([]);
  });

  it('lets exactly one of two instances write a pair of keys, all of it, when both hold the same eTags', async () => {
    const k1 = conversationKey(fresh());
    const k2 = userKey(fresh());
    await a.state.write({ [k1]: { by: 'start' }, [k2]: { by: 'start' } });
    const seen = await a.state.read([k1, k2]);
    const write = (store: PostgresStore, by: string) =>
      store.state.write({ [k1]: { ...(seen[k1] as StoreItem), by }, [k2]: { ...(seen[k2] as StoreItem), by } }).then(
        () => by,
        (error: { code?: string }) => error.code,
      );
    const results = await Promise.all([write(a, 'a'), write(b, 'b')]);
    expect(results.filter((r) => r === 'etag_conflict')).toHaveLength(1);
    const winner = results.find((r) => r !== 'etag_conflict');
    const after = await b.state.read([k1, k2]);
    expect([(after[k1] as StoreItem).by, (after[k2] as StoreItem).by]).toEqual([winner, winner]);
  });
});
