// `hulpwijzer serve`: loads the configuration, opens storage, trains the analyser, builds bot and helpdesk, and serves HTTP until told to stop.
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../appContext.js';
import { createBot } from '../bot/createBot.js';
import { createDeliver } from '../channel/index.js';
import { loadConfig, type AppConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import type { Analyser } from '../nlu/index.js';
import { getAnalyser } from '../nlu/index.js';
import { createServer, type HulpwijzerServer } from '../server.js';
import { createHelpdesk } from '../staff/helpdesk.js';
import { openBus, openStore } from '../storage/index.js';
import type { CliCommand } from './io.js';

export interface RunningApp {
  ctx: AppContext;
  server: HulpwijzerServer;
  address: AddressInfo;
  /** Stops taking requests, finishes queued turns, closes streams, bus and store. */
  stop(): Promise<void>;
}

/** Starts the whole application on config.HOST:config.PORT (0 picks a free port). */
export async function startApp(config: AppConfig, options: { logger?: Logger; clock?: () => Date } = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  // Store and bus do not depend on each other and, with PostgreSQL, mostly wait on the network: open
  // them together, and let the analyser train (CPU) while their first round trips are in flight.
  const storeOpening = openStore(config);
  const busOpening = openBus(config);
  const training = getAnalyser();
  // Failures are read below, in start order; until then none may count as unhandled.
  training.catch(() => undefined);
  const [opened, busOpened] = await Promise.allSettled([storeOpening, busOpening]);
  const closeOpened = async () => {
    if (busOpened.status === 'fulfilled') await busOpened.value.close().catch(() => undefined);
    if (opened.status === 'fulfilled') await opened.value.close().catch(() => undefined);
  };
  if (opened.status === 'rejected' || busOpened.status === 'rejected') {
    await closeOpened();
    // The first failure in start order: store, bus.
    throw [opened, busOpened].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))[0];
  }
  const store = opened.value;
  const bus = busOpened.value;
  const ctx: AppContext = {
    config,
    store,
    bus,
    logger,
    metrics: createMetrics({ defaultMetrics: true }),
    clock: options.clock ?? (() => new Date()),
  };
  let server: HulpwijzerServer | undefined;
  try {
    // Bot, helpdesk and server are built while the analyser's networks may still be training in their worker thread;
    // the server takes no request (and /healthz answers nothing) before the analyser is ready and it listens.
    let trained: Analyser | undefined;
    const analyser: Analyser = {
      analyse(text, lang) {
        if (!trained) throw new Error('analyser used before it was trained');
        return trained.analyse(text, lang);
      },
    };
    const helpdesk = createHelpdesk(ctx);
    const bot = createBot({
      storage: store.state,
      analyser,
      deliver: createDeliver(ctx),
      handoff: helpdesk.handoff,
      observer: helpdesk.observer,
      clock: ctx.clock,
      logger,
    });
    const built = createServer(ctx, { bot, onHandedOffMessage: helpdesk.onHandedOffMessage, staff: helpdesk.staff });
    server = built;
    trained = await training;
    const address = await built.listen(config.PORT, config.HOST);
    let stopping: Promise<void> | null = null;
    return {
      ctx,
      server: built,
      address,
      stop: () =>
        (stopping ??= (async () => {
          await built.close();
          await bus.close();
          await store.close();
        })()),
    };
  } catch (error) {
    // A server that never listened still has timers (stream keep-alive, queue sweep) to stop.
    await server?.close().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

export const run: CliCommand = async () => {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const started = performance.now();
  const app = await startApp(config, { logger });
  // The port only: never an address of anyone, and the bind address is in the configuration already.
  logger.info({ port: app.address.port, ms: Math.round(performance.now() - started) }, 'listening');

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      // A second signal means "now": do not wait for open streams or a slow store.
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => {
        logger.info({}, 'stopped');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error({ errorName: (error as Error)?.name }, 'shutdown failed');
        process.exitCode = 1;
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('unhandledRejection', (error) => {
    // Logged by kind only; an error message may quote user input.
    logger.error({ errorName: (error as Error)?.name }, 'unhandled rejection');
  });
};
