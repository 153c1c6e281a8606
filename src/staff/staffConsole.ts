// Everything the server mounts for staff in one object: the /staff router, the /staff/ws upgrade handler, and shutdown.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import type { AppContext } from '../appContext.js';
import type { HandoffService } from '../handoff/handoffService.js';
import { createStaffRouter, type StaffRouterOptions } from './staffRouter.js';
import { createStaffSocket } from './staffSocket.js';

export interface StaffConsole {
  /** Mount at /staff, before any catch-all 404 handler. */
  router: Router;
  /** Offer every HTTP upgrade; true when it was /staff/ws and this took the socket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

export function createStaffConsole(ctx: AppContext, handoff: HandoffService, options: StaffRouterOptions & { queueSweepMs?: number } = {}): StaffConsole {
  const router = createStaffRouter(ctx, handoff, options);
  const socket = createStaffSocket(ctx, { sessionTimes: options.sessionTimes });
  const stopSweep = handoff.startQueueTimer(options.queueSweepMs);
  return {
    router,
    handleUpgrade: (req, s, head) => socket.handleUpgrade(req, s, head),
    close: () => {
      stopSweep();
      socket.close();
    },
  };
}
