// The logger the bot accepts: pino-compatible, used only with ids, states, codes and timings, never with text.

export interface BotLogger {
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

export const silentLogger: BotLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
