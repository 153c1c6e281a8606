// The Direct Line 3.0 REST routes: tokens, starting and reconnecting conversations, posting and polling activities.
import { randomBytes } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../appContext.js';
import { parseOrThrow } from '../validation.js';
import { ForbiddenError, NotFoundError, UnsupportedMediaTypeError } from './httpErrors.js';
import { isIgnoredActivity, languageOfLocale, parseClientActivity, startConversationSchema, toUserActivity } from './clientActivity.js';
import type { ConversationRouter } from './conversationRouter.js';
import { createRateLimits, type RateLimits } from './rateLimits.js';
import { bearerToken, type TokenService, type VerifiedToken } from './tokens.js';
import { parseWatermark } from './watermark.js';

/** Most activities one GET returns; the client asks again from the new watermark. */
const PAGE_SIZE = 500;

export const DIRECT_LINE_BASE = '/v3/directline';

export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** Request body limit: a maximal message plus room for JSON escaping and Web Chat's extra fields. */
export function bodyLimitBytes(maxMessageBytes: number): number {
  return maxMessageBytes * 4 + 16 * 1024;
}

/**
 * ws(s)://<host>/v3/directline/conversations/<id>/stream?watermark=N&t=<token>. The host is the one the
 * client used, so it works behind a proxy (TRUST_PROXY lets express read the forwarded protocol).
 */
export function streamUrl(req: Request, conversationId: string, token: string, watermark?: number): string {
  const scheme = req.protocol === 'https' ? 'wss' : 'ws';
  const host = req.get('host') ?? 'localhost';
  const query = new URLSearchParams();
  if (watermark !== undefined && watermark > 0) query.set('watermark', String(watermark));
  query.set('t', token);
  return `${scheme}://${host}${DIRECT_LINE_BASE}/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
}

interface Authed {
  token: VerifiedToken;
}

export interface DirectLineRouterDeps {
  ctx: AppContext;
  tokens: () => Promise<TokenService>;
  router: ConversationRouter;
  /** Defaults to limits built from RATE_LIMIT_MESSAGES / RATE_LIMIT_STARTS (0 = off). */
  rateLimits?: RateLimits;
}

const pass: RequestHandler = (_req, _res, next) => next();

export function createDirectLineRouter({ ctx, tokens, router, rateLimits }: DirectLineRouterDeps): express.Router {
  const api = express.Router();
  const { RATE_LIMIT_MESSAGES: messages, RATE_LIMIT_STARTS: starts } = ctx.config;
  const limits =
    rateLimits ??
    createRateLimits({
      messages: { capacity: Math.max(messages, 1), windowMs: 10_000 },
      starts: { capacity: Math.max(starts, 1), windowMs: 60_000 },
      now: () => ctx.clock().getTime(),
    });
  const startLimiter = rateLimits || starts > 0 ? limits.startLimiter : pass;
  const messageLimiter = rateLimits || messages > 0 ? limits.messageLimiter : pass;
  const json = express.json({ limit: bodyLimitBytes(ctx.config.MAX_MESSAGE_BYTES), strict: true, type: 'application/json' });

  /** Requests with a body must be JSON: 415 otherwise (an empty body needs no content type). */
  const requireJsonIfBody: RequestHandler = (req, _res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json')) {
      next(new UnsupportedMediaTypeError());
      return;
    }
    next();
  };

  const authenticate: RequestHandler = async (req, res, next) => {
    const service = await tokens();
    (res.locals as Authed).token = service.verify(bearerToken(req.headers.authorization));
    next();
  };

  /** The token must be for the conversation in the path: a token opens its own conversation only. */
  const ownConversation = (req: Request, res: Response): string => {
    const id = String(req.params.id);
    if ((res.locals as Authed).token.conversationId !== id) throw new ForbiddenError();
    return id;
  };

  const noStore: RequestHandler = (_req, res, next) => {
    // Nothing of a conversation may linger in a browser or proxy cache (no trace on a shared device).
    res.set('Cache-Control', 'no-store');
    next();
  };

  api.use(noStore);

  // Anyone may ask for a token: it names a fresh, not yet started conversation and opens nothing else.
  api.post('/tokens/generate', startLimiter, requireJsonIfBody, json, async (_req, res) => {
    const issued = (await tokens()).issue(newConversationId());
    res.json({ conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn });
  });

  api.post('/tokens/refresh', authenticate, async (_req, res) => {
    const issued = (await tokens()).issue((res.locals as Authed).token.conversationId);
    res.json({ conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn });
  });

  api.post('/conversations', authenticate, requireJsonIfBody, json, async (req, res) => {
    const body = parseOrThrow(startConversationSchema, req.body ?? {}, 'body');
    const conversationId = (res.locals as Authed).token.conversationId;
    const { created } = await router.start(conversationId, languageOfLocale(body.locale));
    const issued = (await tokens()).issue(conversationId);
    res.status(created ? 201 : 200).json({
      conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: streamUrl(req, conversationId, issued.token),
    });
  });

  // Reconnect: a fresh token and a streamUrl that replays from the client's watermark.
  api.get('/conversations/:id', authenticate, async (req, res) => {
    const conversationId = ownConversation(req, res);
    const watermark = parseWatermark(req.query.watermark);
    if (!(await ctx.store.getConversation(conversationId))) throw new NotFoundError('conversation not found', 'conversation_not_found');
    const issued = (await tokens()).issue(conversationId);
    res.json({
      conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: streamUrl(req, conversationId, issued.token, watermark),
    });
  });

  api.post('/conversations/:id/activities', authenticate, requireJsonIfBody, json, async (req, res, next) => {
    ownConversation(req, res);
    next();
  }, messageLimiter, async (req, res) => {
    const conversationId = ownConversation(req, res);
    if (!req.is('application/json')) throw new UnsupportedMediaTypeError();
    const activity = parseClientActivity(req.body, ctx.config.MAX_MESSAGE_BYTES);
    if (isIgnoredActivity(activity)) {
      if (!(await ctx.store.getConversation(conversationId))) throw new NotFoundError('conversation not found', 'conversation_not_found');
      res.json({ id: '' });
      return;
    }
    // No read first: the append itself answers 404 (ConversationNotFoundError) for a conversation that was never started or is gone.
    const stored = await router.receive(conversationId, toUserActivity(activity, conversationId, ctx.clock()));
    res.json({ id: stored.activity.id });
  });

  api.get('/conversations/:id/activities', authenticate, async (req, res) => {
    const conversationId = ownConversation(req, res);
    const watermark = parseWatermark(req.query.watermark);
    if (!(await ctx.store.getConversation(conversationId))) throw new NotFoundError('conversation not found', 'conversation_not_found');
    const page = await ctx.store.listActivities(conversationId, watermark, PAGE_SIZE);
    const last = page.length > 0 ? page[page.length - 1]!.seq : watermark;
    res.json({ activities: page.map((a) => a.activity), watermark: String(last) });
  });

  return api;
}
