// The /staff express router: the console page and its JSON API (sign-in, queue, takeover, messages, notes, keep, presence, audit).
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../appContext.js';
import { AppError, InvalidInputError } from '../errors.js';
import type { HandoffService } from '../handoff/handoffService.js';
import type { StaffSession, PresenceStatus } from '../storage/store.js';
import { parseOrThrow } from '../validation.js';
import { checkCredentials } from './accounts.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';
import { SESSION_COOKIE, SessionManager, readCookie, sameToken, DEFAULT_SESSION_TIMES, type SessionTimes } from './sessions.js';
import { SignInThrottle, type ThrottleLimits } from './signInThrottle.js';
import { queueView, transcriptView } from './views.js';
import { setKeep } from './keepForCase.js';

export class UnauthenticatedError extends AppError {
  constructor() {
    super('unauthenticated', 'sign in first (no valid staff session)', 401);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('csrf', 'missing or wrong x-csrf-token header', 403);
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_attempts', `too many failed sign-ins; try again in ${retryAfterSeconds} seconds`, 429);
  }
}

const loginBody = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(MAX_PASSWORD_LENGTH * 4) }).strict();
const keepBody = z.object({ keep: z.boolean() }).strict();
const presenceBody = z.object({ status: z.enum(['online', 'away', 'offline']) }).strict();
const idParam = z.string().min(1).max(200);

export interface StaffRouterOptions {
  sessionTimes?: SessionTimes;
  throttle?: ThrottleLimits;
}

/** The console's static files; from src/ when running with tsx, and from the source tree when built into dist/. */
export function staffAssetsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '..', 'web', 'staff'), path.resolve(here, '..', '..', '..', 'src', 'web', 'staff')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0];
}

type Authed = Request & { staff: StaffSession };

export function createStaffRouter(ctx: AppContext, handoff: HandoffService, options: StaffRouterOptions = {}): Router {
  const router = express.Router();
  const sessions = new SessionManager(ctx.store, ctx.clock, options.sessionTimes ?? DEFAULT_SESSION_TIMES);
  const throttle = new SignInThrottle(ctx.clock, options.throttle);
  const textBody = z.object({ text: z.string().trim().min(1, { message: 'must not be empty' }).refine((t) => Buffer.byteLength(t) <= ctx.config.MAX_MESSAGE_BYTES, { message: `must be at most ${ctx.config.MAX_MESSAGE_BYTES} bytes` }) }).strict();
  const now = () => ctx.clock().getTime();
  const audit = (actor: string, action: string, conversationId: string | null = null) => ctx.store.appendAudit({ at: now(), actor, action, conversationId });

  // The console page and its assets; index.html only for /staff and /staff/ so API paths never fall through to it.
  const assets = staffAssetsDir();
  router.get(['/', '/index.html'], (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.sendFile(path.join(assets, 'index.html'));
  });
  router.use(express.static(assets, { index: false, fallthrough: true, maxAge: 0 }));

  const api = express.Router();
  router.use('/api', api);
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: Math.max(ctx.config.MAX_MESSAGE_BYTES * 2, 8 * 1024) }));

  const setCookie = (req: Request, res: Response, value: string, maxAgeMs: number) => {
    res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/staff', secure: req.secure, maxAge: maxAgeMs });
  };

  api.post('/login', async (req, res) => {
    const body = parseOrThrow(loginBody, req.body ?? {}, 'body');
    const wait = throttle.retryAfterSeconds(body.name, req.ip);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new TooManyAttemptsError(wait);
    }
    const staffName = await checkCredentials(ctx.store, body.name, body.password);
    if (!staffName) {
      throttle.fail(body.name, req.ip);
      // The attempted name is kept only when it is a real account: a password typed in the name field must not land in the log.
      const known = await ctx.store.getStaff(body.name.trim().toLowerCase());
      await audit(known ? known.name : 'unknown', 'sign_in_failed');
      throw new AppError('invalid_credentials', 'wrong name or password', 401);
    }
    throttle.succeed(body.name, req.ip);
    // A cookie the browser already had (maybe planted) is ended, never upgraded: every sign-in gets a new id.
    await sessions.end(readCookie(req.headers.cookie, SESSION_COOKIE));
    const { cookieValue, session } = await sessions.create(staffName);
    setCookie(req, res, cookieValue, (options.sessionTimes ?? DEFAULT_SESSION_TIMES).absoluteMs);
    await audit(staffName, 'sign_in');
    res.json({ csrfToken: session.csrfToken, name: staffName });
  });

  // Everything below needs a live session; state-changing calls also the CSRF token.
  api.use(async (req: Request, _res: Response, next: NextFunction) => {
    const session = await sessions.lookup(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!session) throw new UnauthenticatedError();
    (req as Authed).staff = session;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const token = req.get('x-csrf-token');
      if (!token || !sameToken(token, session.csrfToken)) throw new CsrfError();
    }
    next();
  });
  const who = (req: Request) => (req as Authed).staff;
  const conversationId = (req: Request) => parseOrThrow(idParam, req.params.id, 'id');

  api.get('/session', async (req, res) => {
    const presence = (await ctx.store.listPresence()).find((p) => p.staffName === who(req).staffName);
    res.json({ name: who(req).staffName, csrfToken: who(req).csrfToken, presence: presence?.status ?? 'offline', staffAvailable: await handoff.staffAvailable() });
  });

  api.post('/logout', async (req, res) => {
    const { staffName } = who(req);
    await sessions.end(readCookie(req.headers.cookie, SESSION_COOKIE));
    await setPresence(staffName, 'offline');
    await audit(staffName, 'sign_out');
    res.clearCookie(SESSION_COOKIE, { path: '/staff', httpOnly: true, sameSite: 'strict', secure: req.secure });
    res.json({ ok: true });
  });

  api.get('/conversations', async (_req, res) => {
    res.json(queueView(await ctx.store.listConversations({ limit: 500 })));
  });

  api.get('/conversations/:id', async (req, res) => {
    const id = conversationId(req);
    const record = await ctx.store.getConversation(id);
    if (!record) throw new AppError('not_found', 'conversation not found', 404);
    res.json({ conversation: queueView([record])[0], notes: await ctx.store.listNotes(id) });
  });

  api.get('/conversations/:id/activities', async (req, res) => {
    const id = conversationId(req);
    if (!(await ctx.store.getConversation(id))) throw new AppError('not_found', 'conversation not found', 404);
    const after = parseOrThrow(z.coerce.number().int().min(0).default(0), req.query.after, 'after');
    const activities = await ctx.store.listActivities(id, after);
    res.json({ activities: transcriptView(activities), watermark: activities.length ? activities[activities.length - 1].seq : after });
  });

  const transition = (action: 'claim' | 'release' | 'close' | 'watch' | 'unwatch') =>
    api.post(`/conversations/:id/${action}`, async (req, res) => {
      const { staffName } = who(req);
      const record = await handoff[action](conversationId(req), staffName);
      if (action === 'claim' || action === 'watch') await ensurePresent(staffName);
      res.json(queueView([record])[0]);
    });
  transition('claim');
  transition('release');
  transition('close');
  transition('watch');
  transition('unwatch');

  // Keep for an open case: retention skips a kept conversation (who may: see keepForCase.ts).
  api.post('/conversations/:id/keep', async (req, res) => {
    const id = conversationId(req);
    const { keep } = parseOrThrow(keepBody, req.body ?? {}, 'body');
    res.json(queueView([await setKeep(ctx, id, who(req).staffName, keep)])[0]);
  });

  api.post('/conversations/:id/messages', async (req, res) => {
    const { text } = parseOrThrow(textBody, req.body ?? {}, 'body');
    const stored = await handoff.sendStaffMessage(conversationId(req), who(req).staffName, text);
    res.status(201).json({ id: String(stored.activity.id ?? `${stored.conversationId}|${stored.seq}`), seq: stored.seq });
  });

  api.post('/conversations/:id/notes', async (req, res) => {
    const { text } = parseOrThrow(textBody, req.body ?? {}, 'body');
    await handoff.addNote(conversationId(req), who(req).staffName, text);
    res.status(201).json({ ok: true });
  });

  async function setPresence(staffName: string, status: PresenceStatus): Promise<void> {
    await ctx.store.setPresence({ staffName, status, updatedAt: now() });
    await ctx.bus.publish('presence', staffName);
    // The last one leaving must not leave users waiting for nobody.
    if (status !== 'online') await handoff.sweepQueue();
  }

  /**
   * Holding or watching a conversation means being there: without a fresh presence the queue sweep would hand
   * the conversation back. 'away' keeps the person from counting as free for new chats.
   */
  async function ensurePresent(staffName: string): Promise<void> {
    const current = (await ctx.store.listPresence()).find((p) => p.staffName === staffName);
    const status: PresenceStatus = current?.status === 'online' ? 'online' : 'away';
    await ctx.store.setPresence({ staffName, status, updatedAt: now() });
    await ctx.bus.publish('presence', staffName);
  }

  api.put('/presence', async (req, res) => {
    const { status } = parseOrThrow(presenceBody, req.body ?? {}, 'body');
    await setPresence(who(req).staffName, status);
    res.json({ status, staffAvailable: await handoff.staffAvailable() });
  });

  api.get('/audit', async (req, res) => {
    const limit = parseOrThrow(z.coerce.number().int().min(1).max(1000).default(200), req.query.limit, 'limit');
    res.json(await ctx.store.listAudit(limit));
  });

  api.use((_req, _res, next) => next(new AppError('not_found', 'no such staff API call', 404)));
  api.use(staffErrorHandler(ctx));
  return router;
}

/** One JSON error shape for the staff API; unknown failures get an id in the log and a generic answer. */
export function staffErrorHandler(ctx: AppContext) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    let known: AppError;
    if (error instanceof AppError) known = error;
    else if (isBodyParserError(error)) {
      known = error.type === 'entity.too.large' ? new AppError('too_large', 'request body too large', 413) : new InvalidInputError('body: not valid JSON');
    } else {
      const errorId = randomUUID();
      ctx.logger.error({ errorId, code: 'staff_api_failure', name: (error as Error)?.name }, 'staff API failure');
      res.status(500).json({ error: { code: 'internal', message: `something went wrong (error id ${errorId})` } });
      return;
    }
    res.status(known.status).json({ error: { code: known.code, message: known.message } });
  };
}

function isBodyParserError(error: unknown): error is { type: string; status: number } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && typeof (error as { status?: unknown }).status === 'number';
}
