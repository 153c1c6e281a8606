// The routing module's public door: the services directory, opening hours and route(). Pure apart from reading data files.
export { route } from './route.js';
export { parseRouteInput, RouteInputSchema, InstantSchema, type RouteInput, type ParsedRouteInput } from './routeInput.js';
export type { RouteOption, RouteResult } from './routeResult.js';
export {
  loadServiceDirectory,
  buildServiceDirectory,
  defaultServiceDirectory,
  loadHelpdeskHours,
  DataFileError,
  DEFAULT_SERVICES_PATH,
  DEFAULT_HELPDESK_HOURS_PATH,
  type ServiceDirectory,
  type Service,
  type Channel,
} from './serviceDirectory.js';
export { SERVICE_IDS, CHANNEL_KINDS, type ServiceId, type ChannelKind, type Audience } from './serviceSchema.js';
export { HelpdeskHoursFileSchema, helpdeskHoursToHours, type HelpdeskHoursFile, type HelpdeskSpan } from './helpdeskHours.js';
export { HoursSchema, WEEKDAYS, type Hours, type HoursInput, type WeeklyInterval, type Weekday } from './hours.js';
export { isOpenAt } from './isOpenAt.js';
export { nextOpening, NEXT_OPENING_SEARCH_DAYS } from './nextOpening.js';
export { isPublicHoliday, publicHolidays } from './publicHolidays.js';
export { formatAmsterdamIso, TIME_ZONE } from './amsterdamClock.js';
export { isYoungPerson, servesPerson, type Person } from './audience.js';
export { YOUNG_PERSON_AGE, ADULT_MIN_AGE } from './routeRules.js';
