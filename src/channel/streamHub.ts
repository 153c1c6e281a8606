// Direct Line WebSocket streams: authenticates the upgrade, replays from the watermark, then pushes new activities as they are logged.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppContext } from '../appContext.js';
import type { StoredActivity } from '../storage/store.js';
import { AppError } from '../errors.js';
import { bearerToken, type TokenService } from './tokens.js';
import { parseWatermark } from './watermark.js';
import { recentActivitiesOf, type RecentActivities } from './recentActivities.js';

export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;

/** Largest number of activities sent in one frame; a long replay goes out in several frames. */
const FRAME_BATCH = 200;
/** A client that lets this much pile up unread is dropped; it reconnects and replays from its watermark. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface StreamClient {
  socket: WebSocket;
  conversationId: string;
  sentSeq: number;
  alive: boolean;
  pumping: boolean;
  again: boolean;
  /** Waiting in the hub's next flush. */
  scheduled: boolean;
  /** The next push reads the store: something may be there that this process never saw (another instance's append). */
  fromStore: boolean;
}

export interface StreamHubOptions {
  /** How often the server pings each socket; a socket that did not answer the previous ping is closed. */
  keepaliveMs?: number;
}

export class StreamHub {
  private readonly wss: WebSocketServer;
  private readonly clients = new Map<string, Set<StreamClient>>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;
  private readonly recent: RecentActivities | null;
  private dueClients: StreamClient[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly tokens: () => Promise<TokenService>,
    options: StreamHubOptions = {},
  ) {
    // Clients only ever send empty keepalive strings; a small cap stops anyone from pushing big frames at us.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
    this.recent = recentActivitiesOf(ctx);
    this.unsubscribe = ctx.bus.subscribe('activity', (conversationId, remote) => this.notify(conversationId, remote === true));
    this.keepalive = setInterval(() => this.sweep(), options.keepaliveMs ?? 30_000);
    this.keepalive.unref();
  }

  /** Open streams (all conversations). */
  get size(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  /**
   * Takes an HTTP upgrade if its path is a Direct Line stream; returns false for other paths so the
   * server can offer the upgrade to another handler (e.g. the staff console).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    socket.on('error', () => socket.destroy());
    void this.authorise(req, url, match[1]!)
      .then(({ conversationId, watermark }) => {
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, conversationId, watermark));
      })
      .catch((error: unknown) => {
        const status = error instanceof AppError ? error.status : 500;
        if (!(error instanceof AppError)) this.ctx.logger.error({ errorName: (error as Error)?.name }, 'stream upgrade failed');
        rejectUpgrade(socket, status);
      });
    return true;
  }

  /** Closes every stream and stops listening to the bus. */
  async close(): Promise<void> {
    clearInterval(this.keepalive);
    this.unsubscribe();
    for (const set of this.clients.values()) for (const client of set) client.socket.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Drops every stream of one conversation (tests, and ending a conversation). */
  disconnect(conversationId: string): void {
    for (const client of this.clients.get(conversationId) ?? []) client.socket.terminate();
  }

  private async authorise(req: IncomingMessage, url: URL, conversationId: string): Promise<{ conversationId: string; watermark: number }> {
    const tokens = await this.tokens();
    // Browsers cannot set headers on a WebSocket, so the token travels in the streamUrl (`t`), as in Direct Line.
    const token = url.searchParams.get('t') ?? bearerToken(req.headers.authorization);
    const verified = tokens.verify(token);
    if (verified.conversationId !== conversationId) throw new AppError('forbidden', 'this token does not open that conversation', 403);
    const watermark = parseWatermark(url.searchParams.get('watermark'));
    if (!(await this.ctx.store.getConversation(conversationId))) throw new AppError('conversation_not_found', 'conversation not found', 404);
    return { conversationId, watermark };
  }

  private accept(socket: WebSocket, conversationId: string, watermark: number): void {
    // With other instances about, the replay comes from the store: the memory only knows this process's appends.
    const fromStore = this.ctx.bus.flagsRemote === true;
    const client: StreamClient = { socket, conversationId, sentSeq: watermark, alive: true, pumping: false, again: false, scheduled: false, fromStore };
    let set = this.clients.get(conversationId);
    if (!set) this.clients.set(conversationId, (set = new Set()));
    set.add(client);
    socket.on('pong', () => (client.alive = true));
    // Direct Line clients send "" every 20 s to notice dead connections; any message counts as a sign of life.
    socket.on('message', () => (client.alive = true));
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      const current = this.clients.get(conversationId);
      current?.delete(client);
      if (current && current.size === 0) this.clients.delete(conversationId);
    });
    // Registered before the replay, so anything logged meanwhile is picked up by the same pump: no loss, no duplicates.
    this.pump(client);
  }

  /**
   * Pushes are flushed once the current run of promise jobs is over (a turn appends the user's message and the
   * bot's replies in one such run): one frame and one socket write per turn instead of one per activity.
   * Another instance's append is only in the store, so a remote event makes the next push read the store.
   */
  private notify(conversationId: string, remote = false): void {
    const set = this.clients.get(conversationId);
    if (!set) return;
    for (const client of set) {
      if (remote) client.fromStore = true;
      if (client.scheduled) continue;
      client.scheduled = true;
      if (this.dueClients.push(client) === 1) process.nextTick(this.flush);
    }
  }

  private readonly flush = (): void => {
    const due = this.dueClients;
    this.dueClients = [];
    for (const client of due) {
      client.scheduled = false;
      this.pump(client);
    }
  };

  /** Sends everything after the client's last sent seq; one pump per client at a time, re-run if notified meanwhile. */
  private pump(client: StreamClient): void {
    if (client.pumping) {
      client.again = true;
      return;
    }
    if (!client.fromStore && this.pushRecent(client)) return;
    client.pumping = true;
    void (async () => {
      try {
        do {
          client.again = false;
          client.fromStore = false;
          let batch: StoredActivity[];
          do {
            if (client.socket.readyState !== client.socket.OPEN) return;
            batch = await this.ctx.store.listActivities(client.conversationId, client.sentSeq, FRAME_BATCH);
            if (batch.length === 0) break;
            const last = batch[batch.length - 1]!.seq;
            client.socket.send(JSON.stringify({ activities: batch.map((a) => a.activity), watermark: String(last) }));
            client.sentSeq = last;
            if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
              client.socket.terminate();
              return;
            }
          } while (batch.length === FRAME_BATCH);
        } while (client.again);
      } catch (error) {
        this.ctx.logger.error({ errorName: (error as Error)?.name }, 'stream push failed');
        client.socket.terminate();
      } finally {
        client.pumping = false;
      }
    })();
  }

  /**
   * Sends what this process just appended straight from memory, already serialised; false when the memory does
   * not hold the next activity the client needs (the pump then reads the store).
   */
  private pushRecent(client: StreamClient): boolean {
    const batch = this.recent?.after(client.conversationId, client.sentSeq, FRAME_BATCH);
    if (!batch) return false;
    if (client.socket.readyState !== client.socket.OPEN) return true;
    if (batch.length === 0) return true;
    const last = batch[batch.length - 1]!.seq;
    let frame = '{"activities":[';
    for (let i = 0; i < batch.length; i++) frame += i === 0 ? batch[i]!.json : `,${batch[i]!.json}`;
    frame += `],"watermark":"${last}"}`;
    client.socket.send(frame);
    client.sentSeq = last;
    if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.socket.terminate();
      return true;
    }
    // A full frame may leave more behind; the store-backed pump sends the rest.
    return batch.length < FRAME_BATCH;
  }

  private sweep(): void {
    for (const set of this.clients.values()) {
      for (const client of set) {
        if (!client.alive) {
          client.socket.terminate();
          continue;
        }
        client.alive = false;
        try {
          client.socket.ping();
        } catch {
          client.socket.terminate();
        }
      }
    }
  }
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

function rejectUpgrade(socket: Duplex, status: number): void {
  if (!socket.writable) return;
  const reason = REASONS[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
