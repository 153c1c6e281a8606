// The database goes away and comes back (through a proxy the test controls): 503 storage_unavailable meanwhile, then recovery by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresBus, type PgBus, type PostgresStore } from '../../src/storage/postgres.js';
import { startTcpProxy, viaProxy, type TcpProxy } from '../scale/tcpProxy.js';
import { DATABASE_URL, PG_SKIP_NOTE, dropSchema, openTestStore, uniqueSchema } from './postgresSupport.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!DATABASE_URL)(`postgres: outage and recovery${PG_SKIP_NOTE}`, () => {
  const schema = uniqueSchema('outage');
  let proxy: TcpProxy;
  let store: PostgresStore;
  let bus: PgBus;
  let direct: PostgresStore;

  beforeAll(async () => {
    const target = new URL(DATABASE_URL!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const url = viaProxy(DATABASE_URL!, proxy.port);
    store = await openTestStore(schema, { connectionTimeoutMs: 500, queryTimeoutMs: 2_000 }, url);
    bus = await openPostgresBus(url, { channel: `${schema}_bus`.slice(0, 63), reconnectMinMs: 50, reconnectMaxMs: 200, connectionTimeoutMs: 500 });
    direct = await openTestStore(schema);
  });
  afterAll(async () => {
    await bus?.close();
    await store?.close();
    await direct?.close();
    await proxy?.close();
    await dropSchema(schema);
  });

  it('answers storage_unavailable (503) for every kind of call while the database is unreachable', async () => {
    await store.createConversation('before', 1);
    expect(await store.ping()).toBe(true);
    proxy.cut();
    expect(await store.ping()).toBe(false);
    const calls: [string, () => Promise<unknown>][] = [
      ['getConversation', () => store.getConversation('before')],
      ['appendActivity', () => store.appendActivity('before', { type: 'message' }, 2)],
      ['listActivities', () => store.listActivities('before', 0)],
      ['state.read', () => store.state.read(['directline/conversations/before/'])],
      ['state.write', () => store.state.write({ 'directline/conversations/before/': { n: 1 } })],
      ['runExclusive', () => store.runExclusive('before', async () => 1)],
      ['getOrCreateSecret', () => store.getOrCreateSecret('k')],
      ['deleteOlderThan', () => store.deleteOlderThan(0)],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).rejects.toMatchObject({ code: 'storage_unavailable', status: 503 });
    }
  });

  it('recovers without being reopened once the database is back, and nothing was half written', async () => {
    proxy.restore();
    const deadline = Date.now() + 5_000;
    while (!(await store.ping()) && Date.now() < deadline) await sleep(50);
    expect(await store.ping()).toBe(true);
    const stored = await store.appendActivity('before', { type: 'message' }, 3);
    expect(stored.seq).toBe(1);
    expect((await direct.listActivities('before', 0)).map((a) => a.seq)).toEqual([1]);
    await expect(store.runExclusive('before', async () => 'turn')).resolves.toBe('turn');
  });

  it('fails a query cut in the middle with 503, not a crash, and the bus listens again afterwards', async () => {
    const slow = store.runExclusive('mid', () => direct.getConversation('before').then(() => store.getConversation('before')).then(() => sleep(100)));
    await sleep(20);
    proxy.cut();
    await slow.catch((error: { code?: string }) => expect(error.code).toBe('storage_unavailable'));
    const before = bus.reconnects;
    await sleep(300);
    expect(bus.listening).toBe(false);
    proxy.restore();
    const deadline = Date.now() + 5_000;
    while (bus.reconnects === before && Date.now() < deadline) await sleep(20);
    expect(bus.listening).toBe(true);
    // A publish from another instance (a bus not behind the proxy) reaches the recovered listener.
    const other = await openPostgresBus(DATABASE_URL!, { channel: `${schema}_bus`.slice(0, 63) });
    try {
      const received = new Promise<string>((resolve) => bus.subscribe('activity', resolve));
      await other.publish('activity', 'after-outage');
      expect(await received).toBe('after-outage');
    } finally {
      await other.close();
    }
  });

  it('stores none of a turn whose unlock never reached the database: no reply, no state, and durable() says so', async () => {
    const id = `cut-turn-${Date.now()}`;
    await direct.createConversation(id, 1);
    const key = `directline/conversations/${id}/`;
    let durable: Promise<void> | undefined;
    const turn = store.runExclusive(id, async () => {
      await store.stageActivity(id, { type: 'message', text: 'never stored' }, 2);
      durable = store.durable(id);
      await store.state.write({ [key]: { step: 'never stored', eTag: '*' } });
      proxy.cut();
    });
    await expect(turn).rejects.toMatchObject({ code: 'storage_unavailable', status: 503 });
    await expect(durable).rejects.toMatchObject({ code: 'storage_unavailable' });
    proxy.restore();
    expect(await direct.listActivities(id, 0)).toEqual([]);
    expect(await direct.state.read([key])).toEqual({});
    // The lock went with the connection: the next turn, on either instance, gets it.
    await expect(direct.runExclusive(id, async () => 'next')).resolves.toBe('next');
  });

  it('publishes to its own subscribers even while the database is away', async () => {
    proxy.cut();
    const seen: string[] = [];
    const off = bus.subscribe('conversation', (id) => seen.push(id));
    await expect(bus.publish('conversation', 'local')).resolves.toBeUndefined();
    off();
    expect(seen).toEqual(['local']);
    proxy.restore();
  });
});
