// The logger's safety net: fields that could carry personal content are removed even when a caller passes them by mistake.
import { describe, expect, it } from 'vitest';
import { createLogger, logRequest } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) } as never);
  return { logger, lines };
}

describe('createLogger', () => {
  it('drops text, bodies, queries, headers, addresses and tokens, keeping ids and codes', () => {
    const { logger, lines } = capture();
    logger.info(
      { conversationId: 'c1', code: 'x', text: 'geheim', body: { text: 'geheim' }, query: { q: 'geheim' }, ip: '10.0.0.1', token: 't', nested: { text: 'geheim', url: '/x?geheim' } },
      'event',
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ conversationId: 'c1', code: 'x', msg: 'event' });
    expect(lines[0]).not.toContain('geheim');
    expect(lines[0]).not.toContain('10.0.0.1');
    expect(entry).not.toHaveProperty('hostname');
    expect(entry).not.toHaveProperty('pid');
  });

  it('writes access lines with exactly method, route, status and ms', () => {
    const { logger, lines } = capture();
    logRequest(logger, 'GET', '/healthz', 200, 1.234);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ method: 'GET', route: '/healthz', status: 200, ms: 1.2, msg: 'request' });
  });
});
