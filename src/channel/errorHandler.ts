// The one express error handler: AppErrors become { error: { code, message } } with their status; anything else a 500 with an error id.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { NotFoundError } from './httpErrors.js';

/** body-parser marks its failures with a `type`; map them to our codes without echoing the body. */
function fromBodyParser(error: { type?: string; status?: number; statusCode?: number }): AppError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'the request body is too large', 413);
    case 'entity.parse.failed':
      return new AppError('malformed_json', 'the request body is not valid JSON', 400);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'unsupported body encoding or charset', 415);
    case 'request.aborted':
      return new AppError('request_aborted', 'the request was aborted', 400);
    default: {
      // Other client errors raised by express itself (e.g. a path that is not valid percent-encoding).
      const status = error.status ?? error.statusCode;
      return typeof status === 'number' && status >= 400 && status < 500 ? new AppError('bad_request', 'the request could not be read', status) : null;
    }
  }
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error instanceof AppError ? error : fromBodyParser((error ?? {}) as { type?: string; status?: number });
    if (known && known.status < 500) {
      res.status(known.status).json({ error: { code: known.code, message: known.message } });
      return;
    }
    // Unknown or server-side: the client gets an id to quote, the log gets the id and the error class, never request data.
    const errorId = randomUUID();
    logger.error({ errorId, errorName: (error as Error)?.name, errorCode: known?.code }, 'unhandled error');
    res.status(known?.status ?? 500).json({ error: { code: known?.code ?? 'internal_error', message: `something went wrong (error id ${errorId})` } });
  };
}

/** The last route: anything unmatched answers 404 in the same JSON shape. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError());
};
