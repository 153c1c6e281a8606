// Wires the helpdesk for the server: one HandoffService shared by the bot (HandoffPort), the router hook and the staff console.
import type { AppContext } from '../appContext.js';
import type { HandedOffMessageHook } from '../channel/conversationRouter.js';
import { HandoffService, RecordObserver, createHandedOffHook, type HandoffOptions } from '../handoff/index.js';
import { createStaffConsole, type StaffConsole } from './staffConsole.js';
import type { StaffRouterOptions } from './staffRouter.js';

export interface Helpdesk {
  /** Pass to createBot({ handoff }): staffAvailable feeds route()'s staffOnline. */
  handoff: HandoffService;
  /** Pass to createBot({ observer }): urgency, signals and the assessment reach the staff queue. */
  observer: RecordObserver;
  /** Pass to createServer({ onHandedOffMessage }): the bot stays silent while queued or with a person. */
  onHandedOffMessage: HandedOffMessageHook;
  /** Pass to createServer({ staff }). */
  staff: StaffConsole;
}

export function createHelpdesk(ctx: AppContext, options: HandoffOptions & StaffRouterOptions & { queueSweepMs?: number } = {}): Helpdesk {
  const handoff = new HandoffService(ctx, options);
  return {
    handoff,
    observer: new RecordObserver(ctx),
    onHandedOffMessage: createHandedOffHook(ctx, handoff),
    staff: createStaffConsole(ctx, handoff, options),
  };
}
