// A lean Direct Line 3.0 client (fetch + ws) for scale tests and the bench: start, stream, send, and wait for the bot's reply.
import http from 'node:http';
import WebSocket from 'ws';

export interface DlAction {
  type?: string;
  title?: string;
  value?: unknown;
}

export interface DlActivity {
  id?: string;
  type: string;
  from?: { id?: string; role?: string };
  text?: string;
  replyToId?: string;
  inputHint?: string;
  suggestedActions?: { actions?: DlAction[] };
  attachments?: unknown[];
  [key: string]: unknown;
}

export interface TurnResult {
  /** Posted activity id (`conversationId|seq`). */
  id: string;
  /** ms from starting the POST to the first bot activity replying to it on the stream. */
  latencyMs: number;
  /** Every bot activity replying to it that arrived before the turn settled. */
  replies: DlActivity[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 200)}`);
  }
}

type Waiter = { match: (a: DlActivity) => boolean; resolve: (a: DlActivity) => void };

const isFromBot = (activity: DlActivity) => activity.from?.role === 'bot' || (activity.from?.id !== undefined && !activity.from.id.startsWith('user'));

export class DirectLineClient {
  readonly received: DlActivity[] = [];
  private socket: WebSocket | null = null;
  private waiters: Waiter[] = [];
  private watermark: string | null = null;

  private constructor(
    readonly baseUrl: string,
    readonly conversationId: string,
    public token: string,
    readonly streamUrl: string,
  ) {}

  /** POST tokens/generate, then POST conversations with that token, as Web Chat does. */
  static async start(baseUrl: string, headers: Record<string, string> = {}): Promise<DirectLineClient> {
    const generated = await request(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers }, 'tokens/generate');
    const { token } = generated as { token: string };
    const started = (await request(
      `${baseUrl}/v3/directline/conversations`,
      { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` } },
      'conversations',
    )) as { conversationId: string; token: string; streamUrl: string };
    return new DirectLineClient(baseUrl, started.conversationId, started.token ?? token, started.streamUrl);
  }

  /** Re-attaches to an existing conversation (after a restart, or on another instance behind a balancer). */
  static resume(baseUrl: string, conversationId: string, token: string): DirectLineClient {
    const ws = baseUrl.replace(/^http/, 'ws');
    return new DirectLineClient(baseUrl, conversationId, token, `${ws}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream`);
  }

  /** Same conversation, reached through another server (two instances on one database). */
  via(baseUrl: string): DirectLineClient {
    return DirectLineClient.resume(baseUrl, this.conversationId, this.token);
  }

  get streamOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Opens the stream; with a watermark it replays what came after it. */
  async connect(watermark: string | null = this.watermark): Promise<void> {
    const url = new URL(this.streamUrl.startsWith('ws') ? this.streamUrl : this.streamUrl.replace(/^http/, 'ws'));
    if (url.host !== new URL(this.baseUrl).host) {
      url.host = new URL(this.baseUrl).host; // streamUrl names the instance that answered; keep talking to ours
    }
    if (watermark !== null) url.searchParams.set('watermark', watermark);
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` } });
    this.socket = socket;
    socket.on('message', (data) => this.onStream(data.toString()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new HttpError(res.statusCode ?? 0, '', 'stream')));
    });
  }

  private onStream(text: string): void {
    if (!text.trim()) return; // keep-alive
    let message: { activities?: DlActivity[]; watermark?: string };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.watermark !== undefined) this.watermark = message.watermark;
    for (const activity of message.activities ?? []) {
      this.received.push(activity);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(activity)) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(activity);
        }
      }
    }
  }

  /** Resolves with the first activity (already received or still to come) that matches, or rejects after timeoutMs. */
  waitFor(match: (a: DlActivity) => boolean, timeoutMs = 10_000, fromIndex = 0): Promise<DlActivity> {
    const found = this.received.slice(fromIndex).find(match);
    if (found) return Promise.resolve(found);
    return new Promise<DlActivity>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching activity within ${timeoutMs} ms (conversation ${this.conversationId})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /**
   * Waits until the welcome has reached its first prompt and returns the bot's activities so far. The welcome
   * is several activities; a script that answers after the first one would answer half a welcome.
   */
  async waitForWelcome(timeoutMs = 20_000): Promise<DlActivity[]> {
    await this.waitFor((a) => isFromBot(a) && expectsInput(a), timeoutMs);
    return this.received.filter(isFromBot);
  }

  async post(activity: Record<string, unknown>): Promise<string> {
    const body = (await request(
      `${this.baseUrl}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: 'user' }, ...activity }),
      },
      'activities',
    )) as { id: string };
    return body.id;
  }

  /** GET activities since a watermark (the polling door). */
  async poll(watermark?: string): Promise<{ activities: DlActivity[]; watermark: string }> {
    const query = watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`;
    return (await request(
      `${this.baseUrl}/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities${query}`,
      { headers: { authorization: `Bearer ${this.token}` } },
      'get activities',
    )) as { activities: DlActivity[]; watermark: string };
  }

  /**
   * Sends a message and waits for the bot: latency is POST start -> first reply on the stream. The turn
   * settles when a reply expects input (a prompt) or after settleMs without another reply.
   */
  async turn(activity: Record<string, unknown>, options: { timeoutMs?: number; settleMs?: number } = {}): Promise<TurnResult> {
    const from = this.received.length;
    const started = performance.now();
    const id = await this.post({ type: 'message', ...activity });
    const repliesTo = (a: DlActivity) => a.replyToId === id && isFromBot(a);
    await this.waitFor(repliesTo, options.timeoutMs ?? 10_000, from);
    const latencyMs = performance.now() - started;
    const settled = (replies: DlActivity[]) => replies.some(expectsInput);
    // Generous: under CI load a turn's later activities can trail the first by more than a few hundred ms.
    const settleMs = options.settleMs ?? 750;
    let count = -1;
    for (;;) {
      const replies = this.received.slice(from).filter(repliesTo);
      if (settled(replies) || replies.length === count) return { id, latencyMs, replies };
      count = replies.length;
      await this.waitFor((a) => repliesTo(a), settleMs, from + this.received.slice(from).length).catch(() => undefined);
    }
  }

  close(): void {
    this.socket?.terminate();
    this.socket = null;
    for (const waiter of this.waiters) waiter.resolve({ type: 'closed' });
    this.waiters = [];
  }
}

/** A prompt: the bot waits for the person's answer after this activity. */
function expectsInput(a: DlActivity): boolean {
  return a.inputHint === 'expectingInput' || (a.suggestedActions?.actions?.length ?? 0) > 0;
}

/** One keep-alive agent for every client: a new TCP connection per request would dominate the load generator's CPU. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** A JSON request over node:http (lighter than fetch, so the load generator leaves the CPU to the server). */
async function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, what: string): Promise<unknown> {
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = http.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
  if (status < 200 || status >= 300) throw new HttpError(status, text, what);
  return text ? JSON.parse(text) : {};
}
