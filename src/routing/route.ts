// route(): where to go now, given who is asking, what is going on and the Amsterdam clock (domain.md section 6).
import { isCritical } from '../ids.js';
import { isYoungPerson, servesPerson, type Person } from './audience.js';
import { isOpenAt } from './isOpenAt.js';
import { nextOpening } from './nextOpening.js';
import { parseRouteInput, type RouteInput } from './routeInput.js';
import type { RouteOption, RouteResult } from './routeResult.js';
import { FALLBACK_SERVICE, ROLE_SERVICES, YOUNG_PERSON_SERVICES } from './routeRules.js';
import { defaultServiceDirectory, type Channel, type Service, type ServiceDirectory } from './serviceDirectory.js';
import type { ServiceId } from './serviceSchema.js';

function describeChannel(service: Service, channel: Channel, at: Date): RouteOption {
  const option: RouteOption = { service: service.id, channel: channel.channel, contact: channel.contact, openNow: false };
  const { hours } = channel;
  if (!Array.isArray(hours) && hours.type === 'unknown') {
    option.hoursKnown = false;
    return option;
  }
  option.openNow = isOpenAt(hours, at);
  if (!option.openNow) {
    const opensAt = nextOpening(hours, at);
    if (opensAt !== null) option.opensAt = opensAt;
  }
  return option;
}

function channelsOf(directory: ServiceDirectory, id: ServiceId, at: Date): RouteOption[] {
  const service = directory.services.get(id);
  return service ? service.channels.map((channel) => describeChannel(service, channel, at)) : [];
}

/** Emergency lines in order: 112 for any critical signal but self-harm alone, 113 for self-harm, CSG for sexual violence. */
function emergencyServices(signals: readonly string[]): ServiceId[] {
  const ids: ServiceId[] = [];
  if (signals.some((s) => s !== 'self_harm')) ids.push('112');
  if (signals.includes('self_harm')) ids.push('113');
  if (signals.includes('sexual_violence')) ids.push('centrum-seksueel-geweld');
  return ids;
}

/** The person's services in role priority, young-person services first, each once. */
function personServices(person: Person): ServiceId[] {
  const ids = isYoungPerson(person) ? [...YOUNG_PERSON_SERVICES, ...ROLE_SERVICES[person.role]] : [...ROLE_SERVICES[person.role]];
  return [...new Set(ids)];
}

/**
 * Options ordered by what to do first:
 * 1. emergency lines (112, then 113, then Centrum Seksueel Geweld), only when a critical signal asks for them;
 * 2. the helpdesk, when staff are online and within helpdesk hours (left out otherwise);
 * 3. the person's services, open channels before closed or unknown ones, role priority kept within each group.
 * The Veilig Thuis 24/7 phone is always there, whatever the audience data says.
 *
 * Throws InvalidInputError when the input breaks the contract (route() is a boundary for the bot too).
 */
export function route(input: RouteInput, directory: ServiceDirectory = defaultServiceDirectory()): RouteResult {
  const parsed = parseRouteInput(input);
  const at = new Date(parsed.at);
  const critical = parsed.signals.filter(isCritical);
  const person: Person = { role: parsed.role, age: parsed.age, gender: parsed.gender };

  const emergency = emergencyServices(critical);
  const options: RouteOption[] = emergency.flatMap((id) => channelsOf(directory, id, at));

  if (parsed.staffOnline) {
    options.push(...channelsOf(directory, 'helpdesk', at).filter((o) => o.openNow));
  }

  const rest: RouteOption[] = [];
  for (const id of personServices(person)) {
    if (emergency.includes(id)) continue;
    const service = directory.services.get(id);
    if (!service) continue;
    if (id !== FALLBACK_SERVICE && !servesPerson(service.audience, person)) continue;
    rest.push(...service.channels.map((channel) => describeChannel(service, channel, at)));
  }
  options.push(...rest.filter((o) => o.openNow), ...rest.filter((o) => !o.openNow));

  return { urgent: critical.length > 0, options };
}
