// The console's live channel at /staff/ws: signed-in, same-origin WebSockets that get queue updates and a watched transcript.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { AppContext } from '../appContext.js';
import { SESSION_COOKIE, SessionManager, readCookie, DEFAULT_SESSION_TIMES, type SessionTimes } from './sessions.js';
import { queueView, transcriptView } from './views.js';

export const STAFF_WS_PATH = '/staff/ws';

/** Close code for an ended session (4000-4999 are for applications). */
export const CLOSE_SESSION_ENDED = 4401;

const clientMessage = z.union([
  z.object({ type: z.literal('watch'), conversationId: z.string().min(1).max(200), after: z.number().int().min(0).default(0) }).strict(),
  z.object({ type: z.literal('unwatch') }).strict(),
]);

interface Client {
  socket: WebSocket;
  cookieValue: string;
  watching: string | null;
  watermark: number;
}

export interface StaffSocket {
  /** Takes the upgrade when the path is /staff/ws; returns false for other paths so the caller can route them. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Same origin: the browser's Origin must name the host it connected to (blocks cross-site WebSocket hijacking). */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createStaffSocket(ctx: AppContext, options: { sessionTimes?: SessionTimes; checkEveryMs?: number } = {}): StaffSocket {
  const sessions = new SessionManager(ctx.store, ctx.clock, options.sessionTimes ?? DEFAULT_SESSION_TIMES);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const clients = new Set<Client>();

  const send = (client: Client, message: unknown) => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  };

  const pushQueue = async () => {
    if (clients.size === 0) return;
    const queue = queueView(await ctx.store.listConversations({ limit: 500 }));
    for (const client of clients) send(client, { type: 'queue', conversations: queue });
  };

  const pushTranscript = async (client: Client) => {
    const id = client.watching;
    if (!id) return;
    const activities = await ctx.store.listActivities(id, client.watermark);
    if (activities.length === 0 || client.watching !== id) return;
    client.watermark = activities[activities.length - 1].seq;
    send(client, { type: 'activities', conversationId: id, activities: transcriptView(activities), watermark: client.watermark });
  };

  const report = (error: unknown) => ctx.logger.error({ code: 'staff_ws_push_failed', name: (error as Error)?.name }, 'staff socket push failed');

  // Bursts (a user typing fast, several transitions) collapse into one queue push.
  let queueTimer: NodeJS.Timeout | null = null;
  const scheduleQueue = () => {
    queueTimer ??= setTimeout(() => {
      queueTimer = null;
      pushQueue().catch(report);
    }, 50);
  };
  const unsubscribe = [
    ctx.bus.subscribe('conversation', scheduleQueue),
    ctx.bus.subscribe('presence', scheduleQueue),
    ctx.bus.subscribe('activity', (conversationId) => {
      for (const client of clients) if (client.watching === conversationId) pushTranscript(client).catch(report);
    }),
  ];

  // Sessions end by time or sign-out; a socket must not outlive its session.
  const checker = setInterval(() => {
    for (const client of clients) {
      sessions
        .lookup(client.cookieValue)
        .then((session) => {
          if (!session) client.socket.close(CLOSE_SESSION_ENDED, 'session ended');
        })
        .catch(report);
    }
  }, options.checkEveryMs ?? 30_000);
  checker.unref();

  wss.on('connection', (socket: WebSocket, _req: IncomingMessage, cookieValue: string) => {
    const client: Client = { socket, cookieValue, watching: null, watermark: 0 };
    clients.add(client);
    socket.on('close', () => clients.delete(client));
    socket.on('message', (data) => {
      let parsed: z.infer<typeof clientMessage>;
      try {
        const result = clientMessage.safeParse(JSON.parse(String(data)));
        if (!result.success) throw new Error('invalid');
        parsed = result.data;
      } catch {
        send(client, { type: 'error', error: { code: 'invalid_input', message: 'expected {"type":"watch","conversationId":...} or {"type":"unwatch"}' } });
        return;
      }
      sessions
        .lookup(client.cookieValue)
        .then(async (session) => {
          if (!session) return client.socket.close(CLOSE_SESSION_ENDED, 'session ended');
          if (parsed.type === 'unwatch') {
            client.watching = null;
            return;
          }
          client.watching = parsed.conversationId;
          client.watermark = parsed.after;
          await pushTranscript(client);
        })
        .catch(report);
    });
    pushQueue().catch(report);
  });

  return {
    handleUpgrade(req, socket, head) {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (pathname !== STAFF_WS_PATH) return false;
      if (!sameOrigin(req)) {
        refuse(socket, 403, 'Forbidden');
        return true;
      }
      const cookieValue = readCookie(req.headers.cookie, SESSION_COOKIE);
      sessions
        .lookup(cookieValue)
        .then((session) => {
          if (!session || !cookieValue) return refuse(socket, 401, 'Unauthorized');
          wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, cookieValue));
        })
        .catch(() => refuse(socket, 500, 'Internal Server Error'));
      return true;
    },
    close() {
      clearInterval(checker);
      if (queueTimer) clearTimeout(queueTimer);
      for (const off of unsubscribe) off();
      for (const client of clients) client.socket.close(1001, 'server closing');
      wss.close();
    },
  };
}
