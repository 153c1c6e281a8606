// The bus for several instances: PostgreSQL LISTEN/NOTIFY on a dedicated connection that re-LISTENs by itself after a loss.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { toStoreError } from './postgres/pgErrors.js';
import type { Bus, BusTopic } from './store.js';

export interface PgBusOptions {
  /** NOTIFY channel; instances that should hear each other use the same one. */
  channel?: string;
  /** First and longest wait between reconnect attempts, in ms. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Interval of the liveness query that notices a silently dead listen connection, in ms. */
  heartbeatMs?: number;
  connectionTimeoutMs?: number;
  /**
   * How long publishes gather before they go out in one NOTIFY round trip, in ms (default 20). Only other
   * instances wait for it: this instance's subscribers hear a publish at once. Longer = fewer round trips under load.
   */
  notifyDelayMs?: number;
}

/** Payloads per NOTIFY statement: keeps one statement's text and parameter count small. */
const NOTIFY_BATCH = 200;

const TOPICS: readonly BusTopic[] = ['activity', 'conversation', 'presence'];
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Payload = instance|topic|id: ids only, readers fetch the rows themselves. A publish reaches this
 * instance's subscribers at once (no round trip, and also while the database is away); the NOTIFY
 * echo from our own instance is then skipped, and what other instances published arrives marked remote.
 * Notifications sent while the listen connection was down are lost; the next one for the same
 * conversation makes its readers catch up from their watermark.
 */
export class PgBus implements Bus {
  readonly flagsRemote = true;
  private readonly emitter = new EventEmitter();
  private readonly instanceId = randomBytes(6).toString('base64url');
  private readonly channel: string;
  private readonly notifyPool: pg.Pool;
  private client: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private closed = false;
  /** How many times the listen connection was re-established after a loss (tests and metrics read it). */
  reconnects = 0;

  constructor(
    private readonly url: string,
    private readonly options: PgBusOptions = {},
  ) {
    this.channel = options.channel ?? 'hulpwijzer_bus';
    if (!CHANNEL_NAME.test(this.channel)) throw new Error(`bus channel "${this.channel}" must match ${CHANNEL_NAME}`);
    this.emitter.setMaxListeners(0);
    this.notifyPool = new pg.Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 3_000,
      query_timeout: 10_000,
      keepAlive: true,
    });
    this.notifyPool.on('error', () => undefined);
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** First connection; throws when the database cannot be reached (the server then fails to start, as with the store). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.options.connectionTimeoutMs ?? 3_000,
      query_timeout: 10_000,
      keepAlive: true,
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      this.stopHeartbeat();
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => this.onNotification(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      lost = true;
      client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.startHeartbeat(client, onLost);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const min = this.options.reconnectMinMs ?? 200;
    const max = this.options.reconnectMaxMs ?? 5_000;
    const delay = Math.min(max, min * 2 ** this.attempt);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().then(
        () => {
          this.reconnects++;
        },
        () => this.scheduleReconnect(),
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  private startHeartbeat(client: pg.Client, onLost: () => void): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      client.query('SELECT 1').catch(onLost);
    }, this.options.heartbeatMs ?? 10_000);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private onNotification(payload: string | undefined): void {
    if (!payload) return;
    const first = payload.indexOf('|');
    const second = payload.indexOf('|', first + 1);
    if (first < 0 || second < 0) return;
    if (payload.slice(0, first) === this.instanceId) return;
    const topic = payload.slice(first + 1, second) as BusTopic;
    if (!TOPICS.includes(topic)) return;
    this.emitter.emit(topic, payload.slice(second + 1), true);
  }

  async publish(topic: BusTopic, id: string): Promise<void> {
    if (this.closed) return;
    this.emitter.emit(topic, id);
    this.pending.add(`${this.instanceId}|${topic}|${id}`);
    this.flushTimer ??= setTimeout(this.flushNow, this.options.notifyDelayMs ?? 20);
  }

  // Publishes gather for notifyDelayMs and go out together, each payload once: under load one round trip carries
  // the activities of many turns, and readers fetch every new row anyway. Nobody waits for it: the rows are already
  // written, and this instance's subscribers already heard.
  private pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  private readonly flushNow = (): void => {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const payloads = [...this.pending];
    this.pending.clear();
    for (let i = 0; i < payloads.length; i += NOTIFY_BATCH) {
      const sent = this.send(payloads.slice(i, i + NOTIFY_BATCH)).finally(() => this.inFlight.delete(sent));
      this.inFlight.add(sent);
    }
  };

  private async send(payloads: string[]): Promise<void> {
    try {
      const calls = payloads.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ');
      await this.notifyPool.query(`SELECT ${calls}`, [this.channel, ...payloads]);
    } catch {
      // Lost like a notification sent while a listener was away: other instances' readers catch up on the next one.
    }
  }

  subscribe(topic: BusTopic, handler: (id: string, remote?: boolean) => void): () => void {
    const safe = (id: string, remote?: boolean) => {
      try {
        handler(id, remote);
      } catch {
        // A subscriber's bug must not break delivery to the others; subscribers log their own failures.
      }
    };
    this.emitter.on(topic, safe);
    return () => {
      this.emitter.off(topic, safe);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // What was published before closing still goes out (a shutdown's last replies).
    this.flushNow();
    await Promise.all([...this.inFlight]);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    this.emitter.removeAllListeners();
    await Promise.all([client?.end().catch(() => undefined), this.notifyPool.end().catch(() => undefined)]);
  }
}

/** Opens the bus and its LISTEN connection. */
export async function openPostgresBus(url: string, options: PgBusOptions = {}): Promise<PgBus> {
  const bus = new PgBus(url, options);
  try {
    await bus.start();
  } catch (error) {
    await bus.close();
    throw toStoreError(error);
  }
  return bus;
}
