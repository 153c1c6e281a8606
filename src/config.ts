// Reads the server's settings from the environment, validated with zod; a bad value stops the start naming the variable.
import { z } from 'zod';
import { AppError } from './errors.js';
import { formatPath } from './validation.js';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (what: string) =>
  z.coerce.number({ message: `expected a number (${what})` }).int({ message: `expected a whole number (${what})` }).positive({ message: `must be greater than 0 (${what})` });

/** Environment variables the server reads; defaults suit a single local instance. */
export const configSchema = z.object({
  /** TCP port the HTTP server listens on. */
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0, { message: 'must be 0..65535' }).max(65535, { message: 'must be 0..65535' }).default(3978),
  /** Interface to bind; loopback unless a reverse proxy in front needs otherwise. */
  HOST: z.string().min(1, { message: 'must not be empty' }).default('127.0.0.1'),
  /** Directory for the embedded SQLite file. */
  DATA_DIR: z.string().min(1, { message: 'must not be empty' }).default('./data'),
  /** When set, PostgreSQL is used instead of SQLite (several instances). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// or postgresql:// URL' })
    .optional(),
  /** Hours after the last activity before a conversation (and its transcript) is deleted. */
  RETENTION_HOURS: z.coerce.number({ message: 'expected a number of hours' }).positive({ message: 'must be greater than 0 hours' }).default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  /** Behind a reverse proxy: lets express read the forwarded protocol. IPs are never stored or logged either way. */
  TRUST_PROXY: boolFromEnv.default(false),
  /** Largest accepted message text in bytes (UTF-8); request bodies are limited a little above it. */
  MAX_MESSAGE_BYTES: positiveInt('bytes').default(16 * 1024),
  /** Lifetime of a Direct Line token in seconds; the client refreshes before it ends. */
  TOKEN_TTL_SECONDS: positiveInt('seconds').default(3600),
  /** Messages one conversation may send per 10 s before answers become 429; 0 turns the limit off (benchmarks). */
  RATE_LIMIT_MESSAGES: z.coerce.number({ message: 'expected a number of messages' }).int({ message: 'expected a whole number' }).min(0, { message: 'must be 0 (off) or more' }).default(20),
  /** Conversation starts (and tokens) per minute from one address class (/24 or /48, hashed, never stored); 0 turns it off. */
  RATE_LIMIT_STARTS: z.coerce.number({ message: 'expected a number of starts' }).int({ message: 'expected a whole number' }).min(0, { message: 'must be 0 (off) or more' }).default(30),
  /** How long a user waits in the staff queue before the bot says no one is available, in seconds. */
  QUEUE_WAIT_LIMIT_SECONDS: positiveInt('seconds').default(300),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Thrown when the environment holds a value the server cannot start with. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('invalid_config', message, 500);
  }
}

/**
 * Loads the configuration from an env-like object (default process.env).
 * Empty strings count as unset, so `PORT=` falls back to the default.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') picked[key] = value.trim();
  }
  const result = configSchema.safeParse(picked);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue ? formatPath(issue.path) : '(environment)';
    throw new ConfigError(`environment variable ${name}: ${issue?.message ?? 'invalid value'}`);
  }
  return result.data;
}
