// The bench's reference: a bare express + ws server doing the same HTTP and WebSocket work as the facade, with an echo for a bot.
import { randomBytes } from 'node:crypto';
import express from 'express';
import { WebSocketServer, type WebSocket } from 'ws';

interface Conversation {
  token: string;
  seq: number;
  sockets: Set<WebSocket>;
}

const conversations = new Map<string, Conversation>();
const byToken = new Map<string, string>();
const app = express();
app.disable('x-powered-by');

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
const newConversation = () => {
  const id = randomBytes(12).toString('base64url');
  const conversation: Conversation = { token: randomBytes(24).toString('base64url'), seq: 0, sockets: new Set() };
  conversations.set(id, conversation);
  byToken.set(conversation.token, id);
  return { id, conversation };
};

app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

app.post('/v3/directline/tokens/generate', (_req, res) => {
  const { id, conversation } = newConversation();
  res.json({ conversationId: id, token: conversation.token, expires_in: 3600 });
});

app.post('/v3/directline/conversations', (req, res) => {
  const token = bearer(req.headers.authorization);
  const id = token ? byToken.get(token) : undefined;
  const conversation = id ? conversations.get(id) : undefined;
  if (!id || !conversation) {
    res.status(401).json({ error: { code: 'unauthorized', message: 'token' } });
    return;
  }
  res.status(201).json({ conversationId: id, token: conversation.token, expires_in: 3600, streamUrl: `ws://${req.headers.host}/v3/directline/conversations/${id}/stream` });
});

app.post('/v3/directline/conversations/:id/activities', express.json({ limit: '32kb' }), (req, res) => {
  const conversation = conversations.get(String(req.params.id));
  if (!conversation || bearer(req.headers.authorization) !== conversation.token) {
    res.status(403).json({ error: { code: 'forbidden', message: 'token' } });
    return;
  }
  const body = req.body as { text?: string };
  const id = `${req.params.id}|${++conversation.seq}`;
  const now = new Date().toISOString();
  const echo = { type: 'message', id, from: { id: `user-${req.params.id}`, role: 'user' }, text: body.text, timestamp: now };
  const replyId = `${req.params.id}|${++conversation.seq}`;
  const reply = {
    type: 'message',
    id: replyId,
    from: { id: 'echo', role: 'bot' },
    replyToId: id,
    text: `echo: ${body.text ?? ''}`,
    inputHint: 'expectingInput',
    timestamp: now,
  };
  res.json({ id });
  for (const socket of conversation.sockets) {
    socket.send(JSON.stringify({ activities: [echo], watermark: String(conversation.seq - 1) }));
    socket.send(JSON.stringify({ activities: [reply], watermark: String(conversation.seq) }));
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  const match = /^\/v3\/directline\/conversations\/([^/?]+)\/stream/.exec(req.url ?? '');
  const conversation = match ? conversations.get(match[1]!) : undefined;
  if (!conversation || bearer(req.headers.authorization) !== conversation.token) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    conversation.sockets.add(ws);
    // The facade's bot greets every new conversation; the reference does the same work.
    if (conversation.seq === 0) {
      const welcome = { type: 'message', id: `${match![1]}|${++conversation.seq}`, from: { id: 'echo', role: 'bot' }, text: 'welcome', timestamp: new Date().toISOString() };
      ws.send(JSON.stringify({ activities: [welcome], watermark: String(conversation.seq) }));
    }
    ws.on('close', () => conversation.sockets.delete(ws));
  });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
