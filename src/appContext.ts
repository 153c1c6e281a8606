// The shared services every part of the server receives: configuration, storage, bus, logging, metrics and the clock.
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Bus, HulpwijzerStore } from './storage/store.js';

export interface AppContext {
  config: AppConfig;
  store: HulpwijzerStore;
  bus: Bus;
  logger: Logger;
  metrics: Metrics;
  /** Injected so tests can fix the time; everything that stamps or compares times uses it. */
  clock: () => Date;
}
