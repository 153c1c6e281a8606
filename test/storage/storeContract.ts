// The behaviour every HulpwijzerStore backend must show; run by memory.test.ts, sqlite.test.ts and the PostgreSQL tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationState, TestAdapter, TurnContext, UserState, type StoreItem } from 'botbuilder';
import type { HulpwijzerStore } from '../../src/storage/store.js';
import { userIdForConversation } from '../../src/storage/stateKeys.js';

export interface StoreUnderTest {
  store: HulpwijzerStore;
  /** Closes the store and opens the same data again (persistent backends only). */
  reopen?: () => Promise<HulpwijzerStore>;
  dispose(): Promise<void>;
}

/** `now` is the clock the store must use for times it stamps itself (state rows, session expiry). */
export type StoreFactory = (options: { now: () => number }) => Promise<StoreUnderTest>;

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

let counter = 0;
const freshId = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`HulpwijzerStore contract: ${name}`, () => {
    let clock = T0;
    let subject: StoreUnderTest;
    let store: HulpwijzerStore;

    beforeEach(async () => {
      clock = T0;
      subject = await factory({ now: () => clock });
      store = subject.store;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    describe('bot state (botbuilder Storage)', () => {
      it('reads nothing for unknown keys and returns a new eTag on every write', async () => {
        const key = `directline/conversations/${freshId('c')}/`;
        expect(await store.state.read([key])).toEqual({});
        await store.state.write({ [key]: { step: 1 } });
        const first = (await store.state.read([key]))[key] as StoreItem;
        expect(first.step).toBe(1);
        expect(typeof first.eTag).toBe('string');
        await store.state.write({ [key]: { ...first, step: 2 } });
        const second = (await store.state.read([key]))[key] as StoreItem;
        expect(second.step).toBe(2);
        expect(second.eTag).not.toBe(first.eTag);
      });

      it('rejects a write with a stale eTag and keeps the winner', async () => {
        const key = `directline/conversations/${freshId('c')}/`;
        await store.state.write({ [key]: { n: 0 } });
        const a = (await store.state.read([key]))[key] as StoreItem;
        const b = (await store.state.read([key]))[key] as StoreItem;
        await store.state.write({ [key]: { ...a, n: 'a' } });
        await expect(store.state.write({ [key]: { ...b, n: 'b' } })).rejects.toMatchObject({ code: 'etag_conflict' });
        expect(((await store.state.read([key]))[key] as StoreItem).n).toBe('a');
      });

      it("writes unconditionally with eTag '*' or without an eTag", async () => {
        const key = `directline/conversations/${freshId('c')}/`;
        await store.state.write({ [key]: { n: 1 } });
        await store.state.write({ [key]: { n: 2, eTag: '*' } });
        expect(((await store.state.read([key]))[key] as StoreItem).n).toBe(2);
        await store.state.write({ [key]: { n: 3 } });
        expect(((await store.state.read([key]))[key] as StoreItem).n).toBe(3);
      });

      it('writes nothing from a batch when one key conflicts', async () => {
        const k1 = `directline/conversations/${freshId('c')}/`;
        const k2 = `directline/users/${freshId('u')}/`;
        await store.state.write({ [k1]: { n: 1 }, [k2]: { n: 1 } });
        const read = await store.state.read([k1, k2]);
        await store.state.write({ [k2]: { n: 'other' } });
        await expect(
          store.state.write({ [k1]: { ...(read[k1] as StoreItem), n: 2 }, [k2]: { ...(read[k2] as StoreItem), n: 2 } }),
        ).rejects.toMatchObject({ code: 'etag_conflict' });
        expect(((await store.state.read([k1]))[k1] as StoreItem).n).toBe(1);
      });

      it('deletes keys', async () => {
        const key = `directline/conversations/${freshId('c')}/`;
        await store.state.write({ [key]: { n: 1 } });
        await store.state.delete([key]);
        expect(await store.state.read([key])).toEqual({});
      });

      // The SQLite and PostgreSQL stores hand the text of a read to the bot's state cache (stateText.ts); a caller that changes what it read must still get its change stored.
      it('stores an item that was read, changed in place and written back, as changed', async () => {
        const key = `directline/conversations/${freshId('c')}/`;
        await store.state.write({ [key]: { step: 1, nested: { a: 1 } } });
        const item = (await store.state.read([key]))[key] as StoreItem;
        item.step = 2;
        (item.nested as { a: number }).a = 2;
        item.eTag = '*';
        await store.state.write({ [key]: item });
        expect((await store.state.read([key]))[key]).toMatchObject({ step: 2, nested: { a: 2 } });
      });

      // botbuilder 4.23's BotState saves with eTag '*' (last writer wins), which is why turns are serialised per conversation.
      it('round-trips botbuilder ConversationState and UserState', async () => {
        const conversationState = new ConversationState(store.state);
        const userState = new UserState(store.state);
        const step = conversationState.createProperty<string>('step');
        const lang = userState.createProperty<string>('lang');
        const adapter = new TestAdapter();
        const conversationId = freshId('c');
        const activity = {
          type: 'message', channelId: 'directline', conversation: { id: conversationId },
          from: { id: userIdForConversation(conversationId) }, recipient: { id: 'bot' },
        };
        const first = new TurnContext(adapter, { ...activity } as never);
        await step.set(first, 'screening');
        await lang.set(first, 'en');
        await conversationState.saveChanges(first);
        await userState.saveChanges(first);
        const second = new TurnContext(adapter, { ...activity } as never);
        expect(await step.get(second)).toBe('screening');
        expect(await lang.get(second)).toBe('en');
      });
    });

    describe('conversations', () => {
      it('creates a conversation in bot mode at version 1 and refuses a duplicate id', async () => {
        const id = freshId('c');
        const record = await store.createConversation(id, T0);
        expect(record).toEqual({
          id, createdAt: T0, updatedAt: T0, mode: 'bot', urgent: false, signals: [], waitingSince: null,
          assignedTo: null, summary: null, keep: false, version: 1,
        });
        expect(await store.getConversation(id)).toEqual(record);
        await expect(store.createConversation(id, T0)).rejects.toMatchObject({ code: 'conversation_exists' });
        expect(await store.getConversation(freshId('missing'))).toBeNull();
      });

      it('updates only with the current version and bumps it', async () => {
        const id = freshId('c');
        await store.createConversation(id, T0);
        const updated = await store.updateConversation(id, 1, {
          mode: 'queued', urgent: true, signals: ['weapon'], waitingSince: T0 + 5, summary: { group: 4 }, updatedAt: T0 + 5,
        });
        expect(updated).toMatchObject({ mode: 'queued', urgent: true, signals: ['weapon'], waitingSince: T0 + 5, summary: { group: 4 }, version: 2, updatedAt: T0 + 5, createdAt: T0 });
        expect(await store.updateConversation(id, 1, { mode: 'agent' })).toBeNull();
        expect((await store.getConversation(id))?.mode).toBe('queued');
        expect(await store.updateConversation(freshId('missing'), 1, { mode: 'agent' })).toBeNull();
      });

      it('lets exactly one of two racing updates win', async () => {
        const id = freshId('c');
        await store.createConversation(id, T0);
        const results = await Promise.all([
          store.updateConversation(id, 1, { mode: 'agent', assignedTo: 'anna' }),
          store.updateConversation(id, 1, { mode: 'agent', assignedTo: 'bram' }),
        ]);
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect((await store.getConversation(id))?.assignedTo).toBe(winners[0]!.assignedTo);
      });

      it('lists conversations, filtered by mode', async () => {
        const a = freshId('a');
        const b = freshId('b');
        await store.createConversation(a, T0);
        await store.createConversation(b, T0 + 1);
        await store.updateConversation(b, 1, { mode: 'queued' });
        const queued = await store.listConversations({ modes: ['queued'] });
        expect(queued.map((c) => c.id)).toContain(b);
        expect(queued.map((c) => c.id)).not.toContain(a);
        const all = (await store.listConversations()).map((c) => c.id);
        expect(all).toEqual(expect.arrayContaining([a, b]));
        expect(await store.listConversations({ limit: 1 })).toHaveLength(1);
      });

      it('returns copies that callers cannot use to change the store', async () => {
        const id = freshId('c');
        const record = await store.createConversation(id, T0);
        record.signals.push('weapon');
        record.mode = 'agent';
        expect(await store.getConversation(id)).toMatchObject({ mode: 'bot', signals: [] });
      });
    });

    describe('activity log', () => {
      it('says the conversation mode as of each append', async () => {
        const id = freshId('m');
        const created = await store.createConversation(id, T0);
        expect((await store.appendActivity(id, { type: 'message', text: 'a' }, T0 + 1)).mode).toBe('bot');
        expect(await store.updateConversation(id, created.version, { mode: 'queued', waitingSince: T0 + 2 })).not.toBeNull();
        expect((await store.appendActivity(id, { type: 'message', text: 'b' }, T0 + 3)).mode).toBe('queued');
      });

      it('numbers activities 1, 2, 3 per conversation with ids conversationId|seq', async () => {
        const id = freshId('c');
        const other = freshId('o');
        await store.createConversation(id, T0);
        await store.createConversation(other, T0);
        const first = await store.appendActivity(id, { type: 'message', text: 'a' }, T0 + 1);
        await store.appendActivity(other, { type: 'message', text: 'x' }, T0 + 1);
        const second = await store.appendActivity(id, { type: 'message', text: 'b' }, T0 + 2);
        const { json, ...appended } = first;
        expect(appended).toEqual({ conversationId: id, seq: 1, createdAt: T0 + 1, mode: 'bot', activity: { type: 'message', text: 'a', id: `${id}|1` } });
        // A store that gives the text (streams send it as is) gives exactly the stored activity.
        if (json !== undefined) expect(JSON.parse(json)).toEqual((await store.listActivities(id, 0))[0]!.activity);
        expect(second.seq).toBe(2);
        expect((await store.listActivities(id, 0)).map((a) => a.activity.text)).toEqual(['a', 'b']);
        expect((await store.listActivities(id, 1)).map((a) => a.seq)).toEqual([2]);
        expect(await store.listActivities(id, 2)).toEqual([]);
        expect((await store.listActivities(other, 0)).map((a) => a.seq)).toEqual([1]);
      });

      it('never hands out the same seq to concurrent appends', async () => {
        const id = freshId('c');
        await store.createConversation(id, T0);
        const appended = await Promise.all(Array.from({ length: 60 }, (_, i) => store.appendActivity(id, { type: 'message', n: i }, T0 + i)));
        const seqs = appended.map((a) => a.seq).sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        const listed = await store.listActivities(id, 0);
        expect(listed.map((a) => a.seq)).toEqual(seqs);
        expect(new Set(listed.map((a) => a.activity.id)).size).toBe(60);
        expect((await store.listActivities(id, 10, 5)).map((a) => a.seq)).toEqual([11, 12, 13, 14, 15]);
      });

      it('refuses to append to a conversation that does not exist', async () => {
        await expect(store.appendActivity(freshId('missing'), { type: 'message' }, T0)).rejects.toMatchObject({ code: 'conversation_not_found' });
      });

      it('keeps the conversation alive (updatedAt) without changing its version', async () => {
        const id = freshId('c');
        await store.createConversation(id, T0);
        await store.appendActivity(id, { type: 'message' }, T0 + HOUR);
        expect(await store.getConversation(id)).toMatchObject({ updatedAt: T0 + HOUR, version: 1 });
      });
    });

    describe('runExclusive', () => {
      it('runs tasks of one conversation one at a time and of different conversations in parallel', async () => {
        const id = freshId('c');
        let inside = 0;
        let maxInside = 0;
        const order: number[] = [];
        const task = (n: number) => async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 5));
          order.push(n);
          inside--;
          return n;
        };
        const results = await Promise.all([1, 2, 3].map((n) => store.runExclusive(id, task(n))));
        expect(results).toEqual([1, 2, 3]);
        expect(order).toEqual([1, 2, 3]);
        expect(maxInside).toBe(1);

        let release!: () => void;
        const blocker = store.runExclusive(freshId('a'), () => new Promise<void>((r) => (release = r)));
        await expect(store.runExclusive(freshId('b'), async () => 'free')).resolves.toBe('free');
        release();
        await blocker;
      });

      it('keeps going after a failed task', async () => {
        const id = freshId('c');
        await expect(store.runExclusive(id, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
        await expect(store.runExclusive(id, async () => 'next')).resolves.toBe('next');
      });
    });

    describe('staff, sessions, presence, audit, notes', () => {
      it('creates staff accounts once', async () => {
        const name = freshId('anna');
        await store.createStaff({ name, passwordHash: '$argon2id$x', createdAt: T0 });
        expect(await store.getStaff(name)).toEqual({ name, passwordHash: '$argon2id$x', createdAt: T0 });
        await expect(store.createStaff({ name, passwordHash: 'y', createdAt: T0 })).rejects.toMatchObject({ code: 'staff_exists', status: 409 });
        expect(await store.getStaff(freshId('nobody'))).toBeNull();
      });

      it('stores and deletes sessions', async () => {
        const session = { id: freshId('s'), staffName: 'anna', csrfToken: 'csrf', createdAt: T0, expiresAt: T0 + HOUR };
        await store.createSession(session);
        expect(await store.getSession(session.id)).toEqual(session);
        await store.deleteSession(session.id);
        expect(await store.getSession(session.id)).toBeNull();
      });

      it('keeps one presence per staff member', async () => {
        const name = freshId('anna');
        await store.setPresence({ staffName: name, status: 'online', updatedAt: T0 });
        await store.setPresence({ staffName: name, status: 'away', updatedAt: T0 + 1 });
        const mine = (await store.listPresence()).filter((p) => p.staffName === name);
        expect(mine).toEqual([{ staffName: name, status: 'away', updatedAt: T0 + 1 }]);
      });

      it('lists the audit log newest first', async () => {
        const actor = freshId('anna');
        await store.appendAudit({ at: T0, actor, action: 'sign_in', conversationId: null });
        await store.appendAudit({ at: T0 + 1, actor, action: 'claim', conversationId: 'c1' });
        const entries = await store.listAudit(2);
        expect(entries).toEqual([
          { at: T0 + 1, actor, action: 'claim', conversationId: 'c1' },
          { at: T0, actor, action: 'sign_in', conversationId: null },
        ]);
      });

      it('keeps notes per conversation in order', async () => {
        const id = freshId('c');
        await store.addNote({ conversationId: id, staffName: 'anna', text: 'eerste', at: T0 });
        await store.addNote({ conversationId: id, staffName: 'bram', text: 'tweede', at: T0 + 1 });
        await store.addNote({ conversationId: freshId('other'), staffName: 'anna', text: 'elders', at: T0 });
        expect((await store.listNotes(id)).map((n) => n.text)).toEqual(['eerste', 'tweede']);
      });
    });

    it('creates a secret once and returns the same value after', async () => {
      const name = freshId('secret');
      const first = await store.getOrCreateSecret(name);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(await store.getOrCreateSecret(name)).toBe(first);
      expect(await store.getOrCreateSecret(freshId('other'))).not.toBe(first);
    });

    it('retention deletes exactly the old conversations that nobody keeps, with their activities, state and notes', async () => {
      const cutoff = T0 + 24 * HOUR;
      const oldId = freshId('old');
      const keptId = freshId('kept');
      const freshIdValue = freshId('fresh');
      const revivedId = freshId('revived');
      for (const id of [oldId, keptId, freshIdValue, revivedId]) await store.createConversation(id, T0);
      await store.updateConversation(keptId, 1, { keep: true, updatedAt: T0 });
      await store.updateConversation(freshIdValue, 1, { updatedAt: cutoff + 1 });
      for (const id of [oldId, keptId, freshIdValue, revivedId]) {
        await store.appendActivity(id, { type: 'message', text: 'geheim' }, T0 + 1);
        await store.appendActivity(id, { type: 'message', text: 'nog iets' }, T0 + 2);
        await store.addNote({ conversationId: id, staffName: 'anna', text: 'notitie', at: T0 });
      }
      // An activity after the cutoff keeps a conversation alive.
      await store.appendActivity(revivedId, { type: 'message' }, cutoff + 5);

      const stateKey = (id: string) => `directline/conversations/${id}/`;
      const privateKey = (id: string) => `directline/conversations/${id}/users/${userIdForConversation(id)}/`;
      const userKey = (id: string) => `directline/users/${userIdForConversation(id)}/`;
      const orphan = freshId('orphan');
      const globalKey = `global/${freshId('settings')}`;
      for (const id of [oldId, keptId, freshIdValue, revivedId]) {
        await store.state.write({ [stateKey(id)]: { n: 1 }, [privateKey(id)]: { n: 1 }, [userKey(id)]: { n: 1 } });
      }
      await store.state.write({ [stateKey(orphan)]: { n: 1 }, [globalKey]: { n: 1 } });
      const expiredSession = { id: freshId('s'), staffName: 'anna', csrfToken: 'c', createdAt: T0, expiresAt: T0 + HOUR };
      const liveSession = { id: freshId('s'), staffName: 'anna', csrfToken: 'c', createdAt: T0, expiresAt: cutoff + 30 * HOUR };
      await store.createSession(expiredSession);
      await store.createSession(liveSession);

      clock = cutoff + 2 * HOUR; // the store's own clock: state rows above were stamped at T0
      const result = await store.deleteOlderThan(cutoff, clock);

      expect(await store.getConversation(oldId)).toBeNull();
      expect(await store.listActivities(oldId, 0)).toEqual([]);
      expect(await store.listNotes(oldId)).toEqual([]);
      expect(await store.state.read([stateKey(oldId), privateKey(oldId), userKey(oldId), stateKey(orphan)])).toEqual({});
      for (const id of [keptId, freshIdValue, revivedId]) {
        expect(await store.getConversation(id)).not.toBeNull();
        expect((await store.listActivities(id, 0)).length).toBeGreaterThanOrEqual(2);
        expect(await store.listNotes(id)).toHaveLength(1);
        expect(Object.keys(await store.state.read([stateKey(id), privateKey(id), userKey(id)]))).toHaveLength(3);
      }
      expect(Object.keys(await store.state.read([globalKey]))).toEqual([globalKey]);
      expect(await store.getSession(expiredSession.id)).toBeNull();
      expect(await store.getSession(liveSession.id)).not.toBeNull();
      expect(result).toEqual({ conversations: 1, activities: 2, states: 4, notes: 1, sessions: 1 });

      const again = await store.deleteOlderThan(cutoff, clock);
      expect(again).toEqual({ conversations: 0, activities: 0, states: 0, notes: 0, sessions: 0 });
    });

    it('keeps state, conversations and the activity log when reopened (persistent backends)', async () => {
      if (!subject.reopen) return; // the memory backend is not persistent by design
      const id = freshId('c');
      await store.createConversation(id, T0);
      await store.appendActivity(id, { type: 'message', text: 'hallo' }, T0 + 1);
      await store.state.write({ [`directline/conversations/${id}/`]: { step: 'welcome' } });
      const secret = await store.getOrCreateSecret('token');
      store = await subject.reopen();
      expect(await store.getConversation(id)).toMatchObject({ id, mode: 'bot' });
      expect((await store.listActivities(id, 0)).map((a) => a.activity.text)).toEqual(['hallo']);
      expect(((await store.state.read([`directline/conversations/${id}/`]))[`directline/conversations/${id}/`] as StoreItem).step).toBe('welcome');
      expect(await store.getOrCreateSecret('token')).toBe(secret);
      const next = await store.appendActivity(id, { type: 'message' }, T0 + 2);
      expect(next.seq).toBe(2);
    });

    it('answers ping while open', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
