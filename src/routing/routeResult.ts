// The route() answer: whether it is urgent and the options in the order to try them.
import type { ChannelKind, ServiceId } from './serviceSchema.js';

export interface RouteOption {
  service: ServiceId;
  channel: ChannelKind;
  /** Phone number, https URL, or "helpdesk" for this chat's own staff. */
  contact: string;
  /** Judged only from the hours in Europe/Amsterdam; unknown hours are never open. */
  openNow: boolean;
  /** When a closed channel with known hours opens next, ISO 8601 with the Amsterdam offset. */
  opensAt?: string;
  /** Present (false) only when the hours are unknown: "check the website". */
  hoursKnown?: false;
}

export interface RouteResult {
  /** A critical signal is present (domain.md section 3). */
  urgent: boolean;
  options: RouteOption[];
}
