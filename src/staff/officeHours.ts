// The helpdesk's office hours for the staff side: the one hours file routing owns (src/routing/data/helpdesk-hours.json), and whether a moment is inside them.
import { helpdeskHoursToHours, isOpenAt, loadHelpdeskHours, type HelpdeskHoursFile, type Hours } from '../routing/index.js';

/** The hours as written in the file: per weekday spans, Amsterdam time, closed on public holidays or not. */
export type OfficeHours = HelpdeskHoursFile;

/**
 * The shipped hours without an argument, else the given file; validated with zod, and a bad file stops the start
 * with "<file>: <field path>: <why>" (routing's DataFileError).
 */
export function loadOfficeHours(file?: string): OfficeHours {
  return loadHelpdeskHours(file);
}

// Asked on every bot turn (staffAvailable): convert each hours object once.
const converted = new WeakMap<OfficeHours, Hours>();

/** True when `at` falls in one of the day's spans on the Amsterdam clock (judged exactly as route() judges the helpdesk). */
export function isWithinOfficeHours(hours: OfficeHours, at: Date): boolean {
  let routing = converted.get(hours);
  if (!routing) {
    routing = helpdeskHoursToHours(hours);
    converted.set(hours, routing);
  }
  return isOpenAt(routing, at);
}
