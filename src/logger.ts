// Structured logging (pino) that cannot carry personal content: no bodies, query strings, IPs, headers or user text.
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out if a caller passes an object by mistake. The real protection is that
 * callers log only ids, codes, states and timings; this is the safety net.
 */
export const REDACT_PATHS = [
  'req', 'res', 'body', 'text', 'query', 'headers', 'ip', 'ips', 'remoteAddress', 'url',
  'activity', 'activities', 'message', 'input', 'password', 'token', 'authorization', 'cookie',
  '*.body', '*.text', '*.query', '*.headers', '*.ip', '*.url', '*.activity', '*.password', '*.token', '*.authorization', '*.cookie',
];

/** Creates the app logger; pass a destination stream to capture output in tests. */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined, // no pid/hostname: the host name can identify a machine, and we never need it
    redact: { paths: REDACT_PATHS, remove: true },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** One access-log line: method, route pattern (never the raw URL), status and duration. */
export function logRequest(logger: Logger, method: string, route: string, status: number, ms: number): void {
  logger.info({ method, route, status, ms: Math.round(ms * 10) / 10 }, 'request');
}
