// Deletes conversations (transcripts, bot state, notes) older than RETENTION_HOURS: once at start, then every 10 minutes.
import type { AppContext } from '../appContext.js';
import type { RetentionResult } from './store.js';

export const RETENTION_INTERVAL_MS = 10 * 60 * 1000;

export interface RetentionJob {
  runOnce(): Promise<RetentionResult | null>;
  stop(): Promise<void>;
}

export function startRetentionJob(
  ctx: Pick<AppContext, 'store' | 'config' | 'clock' | 'logger'>,
  options: { intervalMs?: number; runAtStart?: boolean } = {},
): RetentionJob {
  let running: Promise<RetentionResult | null> | null = null;
  let stopped = false;

  const runOnce = (): Promise<RetentionResult | null> => {
    // Never two sweeps at once: a slow sweep makes the next tick wait for it instead of piling up.
    running ??= (async () => {
      const now = ctx.clock().getTime();
      const cutoff = now - ctx.config.RETENTION_HOURS * 3_600_000;
      try {
        const result = await ctx.store.deleteOlderThan(cutoff, now);
        if (result.conversations > 0 || result.sessions > 0 || result.states > 0) ctx.logger.info({ ...result }, 'retention sweep');
        return result;
      } catch (error) {
        ctx.logger.error({ errorName: (error as Error)?.name }, 'retention sweep failed');
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  if (options.runAtStart ?? true) void runOnce();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
