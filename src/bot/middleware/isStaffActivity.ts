// Staff messages are routed to the user by the handoff layer; the bot must never analyse or answer them.
import type { Activity } from 'botbuilder';

export function isStaffActivity(activity: Partial<Activity>): boolean {
  return (activity.from?.role as string | undefined) === 'staff';
}
