// Several stores on one PostgreSQL schema behave like several server instances: one seq order, one lock, one CAS winner, one secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { StoreItem } from 'botbuilder';
import { openPostgresBus, type PgBus, type PostgresStore } from '../../src/storage/postgres.js';
import { runMigrations } from '../../src/storage/postgres/migrations.js';
import { DATABASE_URL, PG_SKIP_NOTE, dropSchema, openTestStore, uniqueSchema } from './postgresSupport.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!DATABASE_URL)(`postgres: several instances on one database${PG_SKIP_NOTE}`, () => {
  const schema = uniqueSchema('instances');
  let a: PostgresStore;
  let b: PostgresStore;

  beforeAll(async () => {
    // Four instances start at the same moment on an empty schema: the advisory lock must make them take turns.
    const stores = await Promise.all([0, 1, 2, 3].map(() => openTestStore(schema)));
    [a, b] = stores as [PostgresStore, PostgresStore];
    await Promise.all(stores.slice(2).map((s) => s.close()));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });

  it('applied each migration exactly once although instances started together', async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
    try {
      const { rows } = await pool.query(`SELECT version FROM "${schema}".schema_version ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
      // Running again is a no-op that reports the version reached.
      expect(await runMigrations(pool, schema)).toBe(3);
    } finally {
      await pool.end();
    }
  });

  it('numbers activities 1..n without gaps or duplicates when two instances append at once', async () => {
    const id = `seq-${Date.now()}`;
    await a.createConversation(id, 1);
    const appends = Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).appendActivity(id, { type: 'message', n: i }, 2));
    const stored = await Promise.all(appends);
    expect(stored.map((s) => s.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const log = await b.listActivities(id, 0);
    expect(log.map((s) => s.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(log.map((s) => (s.activity as { n: number }).n)).size).toBe(60);
    expect(log[4]!.activity.id).toBe(`${id}|5`);
  });

  it('never runs two turns of one conversation at once across instances, and lets other conversations pass', async () => {
    const id = `lock-${Date.now()}`;
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    const turn = (store: PostgresStore, n: number) =>
      store.runExclusive(id, async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await sleep(15);
        order.push(n);
        inside--;
      });
    // How many of the six serial turns had finished when the other conversation's turn ran.
    const other = sleep(5).then(() => b.runExclusive(`${id}-other`, async () => order.length));
    await Promise.all([turn(a, 1), turn(b, 2), turn(a, 3), turn(b, 4), turn(a, 5), turn(b, 6)]);
    expect(maxInside).toBe(1);
    expect(order).toHaveLength(6);
    // The other conversation did not wait for the six serial turns (at least 6 x 15 ms): compared by order, not by a
    // wall-clock limit, so a loaded machine cannot fail it.
    expect(await other).toBeLessThan(6);
  });

  it('releases the lock when the turn throws', async () => {
    const id = `throw-${Date.now()}`;
    await expect(a.runExclusive(id, async () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
    await expect(b.runExclusive(id, async () => 'next')).resolves.toBe('next');
  });

  it('lets exactly one of two instances win a conversation compare-and-set', async () => {
    const id = `cas-${Date.now()}`;
    const created = await a.createConversation(id, 10);
    const results = await Promise.all([
      a.updateConversation(id, created.version, { mode: 'agent', assignedTo: 'anna' }),
      b.updateConversation(id, created.version, { mode: 'agent', assignedTo: 'bert' }),
    ]);
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect((await b.getConversation(id))?.assignedTo).toBe(winners[0]!.assignedTo);
  });

  it('rejects a bot-state write with the eTag another instance already replaced', async () => {
    const key = `directline/conversations/etag-${Date.now()}/`;
    await a.state.write({ [key]: { n: 0 } });
    const seenByA = (await a.state.read([key]))[key] as StoreItem;
    const seenByB = (await b.state.read([key]))[key] as StoreItem;
    await b.state.write({ [key]: { ...seenByB, n: 'b' } });
    await expect(a.state.write({ [key]: { ...seenByA, n: 'a' } })).rejects.toMatchObject({ code: 'etag_conflict', status: 409 });
  });

  it('gives every instance the same secret, even when they ask at the same moment', async () => {
    const name = `key-${Date.now()}`;
    const values = await Promise.all([a.getOrCreateSecret(name), b.getOrCreateSecret(name), a.getOrCreateSecret(name), b.getOrCreateSecret(name)]);
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('retention on one instance really deletes what the other wrote', async () => {
    const old = `old-${Date.now()}`;
    const kept = `kept-${Date.now()}`;
    await b.createConversation(old, 1_000);
    await b.appendActivity(old, { type: 'message' }, 1_000);
    await b.state.write({ [`directline/conversations/${old}/`]: { step: 1 } });
    await b.addNote({ conversationId: old, staffName: 'anna', text: 'note', at: 1_000 });
    const keptRecord = await b.createConversation(kept, 1_000);
    await b.updateConversation(kept, keptRecord.version, { keep: true, updatedAt: 1_000 });
    const result = await a.deleteOlderThan(5_000);
    expect(result.conversations).toBeGreaterThanOrEqual(1);
    expect(await b.getConversation(old)).toBeNull();
    expect(await b.listActivities(old, 0)).toEqual([]);
    expect(await b.state.read([`directline/conversations/${old}/`])).toEqual({});
    expect(await b.listNotes(old)).toEqual([]);
    expect(await b.getConversation(kept)).not.toBeNull();
  });

  describe('bus (LISTEN/NOTIFY)', () => {
    const channel = `${schema}_bus`.slice(0, 63);
    let busA: PgBus;
    let busB: PgBus;
    beforeAll(async () => {
      busA = await openPostgresBus(DATABASE_URL!, { channel, reconnectMinMs: 50, reconnectMaxMs: 200 });
      busB = await openPostgresBus(DATABASE_URL!, { channel, reconnectMinMs: 50, reconnectMaxMs: 200 });
    });
    afterAll(async () => {
      await busA?.close();
      await busB?.close();
    });

    const nextOn = (bus: PgBus, topic: 'activity' | 'conversation' | 'presence', timeoutMs = 3_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${topic} event within ${timeoutMs} ms`)), timeoutMs);
        const off = bus.subscribe(topic, (id) => {
          clearTimeout(timer);
          off();
          resolve(id);
        });
      });

    it('delivers a publish once on the same instance and once on the other, marked remote there', async () => {
      const seenA: string[] = [];
      const offA = busA.subscribe('activity', (id, remote) => seenA.push(`${id}${remote ? ' remote' : ''}`));
      const onB = new Promise<string>((resolve) => {
        const off = busB.subscribe('activity', (id, remote) => {
          off();
          resolve(`${id}${remote ? ' remote' : ''}`);
        });
      });
      await busA.publish('activity', 'conv-1');
      expect(await onB).toBe('conv-1 remote');
      await sleep(100); // time for our own NOTIFY echo, which must be skipped
      offA();
      expect(seenA).toEqual(['conv-1']);
    });

    it('sends what was published before close', async () => {
      const late = await openPostgresBus(DATABASE_URL!, { channel, notifyDelayMs: 1_000 });
      const onB = nextOn(busB, 'presence');
      await late.publish('presence', 'last-words');
      await late.close();
      expect(await onB).toBe('last-words');
    });

    it('delivers every one of many publishes made at once (they share NOTIFY round trips)', async () => {
      const seen = new Set<string>();
      const off = busB.subscribe('activity', (id) => seen.add(id));
      const ids = Array.from({ length: 200 }, (_, i) => `burst-${i}`);
      await Promise.all(ids.map((id) => busA.publish('activity', id)));
      const deadline = Date.now() + 3_000;
      while (seen.size < ids.length && Date.now() < deadline) await sleep(20);
      off();
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it('keeps topics apart', async () => {
      const onB = nextOn(busB, 'presence');
      await busA.publish('conversation', 'c-2');
      await busA.publish('presence', 'anna');
      expect(await onB).toBe('anna');
    });

    it('listens again by itself after its connection is killed', async () => {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      try {
        const before = busB.reconnects;
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`, [`LISTEN ${channel}`]);
        const deadline = Date.now() + 5_000;
        while (busB.reconnects === before && Date.now() < deadline) await sleep(20);
        expect(busB.reconnects).toBeGreaterThan(before);
        const onB = nextOn(busB, 'activity');
        await busA.publish('activity', 'after-reconnect');
        expect(await onB).toBe('after-reconnect');
      } finally {
        await admin.end();
      }
    });
  });
});
