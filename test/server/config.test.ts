// Environment configuration: defaults, coercion, and a start that stops with a message naming the bad variable.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3978, HOST: '127.0.0.1', DATA_DIR: './data', RETENTION_HOURS: 24, LOG_LEVEL: 'info', TRUST_PROXY: false,
      MAX_MESSAGE_BYTES: 16384, TOKEN_TTL_SECONDS: 3600, QUEUE_WAIT_LIMIT_SECONDS: 300, RATE_LIMIT_MESSAGES: 20, RATE_LIMIT_STARTS: 30,
    });
  });

  it('reads and coerces values, treating empty ones as unset', () => {
    const config = loadConfig({ PORT: '8080', TRUST_PROXY: 'true', RETENTION_HOURS: '0.5', DATABASE_URL: 'postgres://u@h/db', HOST: '', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ PORT: 8080, TRUST_PROXY: true, RETENTION_HOURS: 0.5, DATABASE_URL: 'postgres://u@h/db', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ RETENTION_HOURS: '-1' }, 'RETENTION_HOURS'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ MAX_MESSAGE_BYTES: '1.5' }, 'MAX_MESSAGE_BYTES'],
    [{ RATE_LIMIT_STARTS: '-3' }, 'RATE_LIMIT_STARTS'],
  ])('refuses %o naming %s and why', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^environment variable ${name}: \\S`));
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('invalid_config');
    }
  });
});
