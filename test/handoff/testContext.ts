// A real AppContext over the in-memory store and bus, with a clock tests can move; shared by handoff and staff tests.
import type { AppContext } from '../../src/appContext.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { MemoryBus, openMemoryStore } from '../../src/storage/index.js';

/** Wednesday 25 November 2026, 10:00 in Amsterdam: inside the helpdesk's office hours. */
export const OFFICE_TIME = new Date('2026-11-25T10:00:00+01:00');
/** The same Wednesday at 23:30: outside office hours. */
export const NIGHT_TIME = new Date('2026-11-25T23:30:00+01:00');

export interface TestContext extends AppContext {
  setNow(date: Date): void;
  advance(ms: number): void;
}

export function testContext(env: Record<string, string> = {}, start: Date = OFFICE_TIME): TestContext {
  let now = start.getTime();
  const clock = () => new Date(now);
  return {
    config: loadConfig(env),
    store: openMemoryStore({ now: () => now }),
    bus: new MemoryBus(),
    logger: createLogger('silent'),
    metrics: createMetrics(),
    clock,
    setNow: (date) => {
      now = date.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
