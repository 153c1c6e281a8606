// Loads and validates the services directory and the helpdesk hours (also read by staff); a bad file fails loudly with file, field and reason.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { formatPath } from '../validation.js';
import type { Hours } from './hours.js';
import { HelpdeskHoursFileSchema, helpdeskHoursToHours, type HelpdeskHoursFile } from './helpdeskHours.js';
import { ServicesFileSchema, type Audience, type ChannelKind, type ServiceId } from './serviceSchema.js';
// Imported (not only read) so the TypeScript build copies the data next to the compiled module.
import defaultServices from './data/services.json' with { type: 'json' };
import shippedHelpdeskHours from './data/helpdesk-hours.json' with { type: 'json' };

export const DEFAULT_SERVICES_PATH = fileURLToPath(new URL('./data/services.json', import.meta.url));
export const DEFAULT_HELPDESK_HOURS_PATH = fileURLToPath(new URL('./data/helpdesk-hours.json', import.meta.url));

export interface Channel {
  channel: ChannelKind;
  contact: string;
  hours: Hours;
}

export interface Service {
  id: ServiceId;
  name: string;
  provider: 'external' | 'own';
  audience: Audience;
  channels: readonly Channel[];
  source?: string;
  checked?: string;
  status?: 'verified' | 'unverified';
}

export interface ServiceDirectory {
  services: ReadonlyMap<ServiceId, Service>;
  /** The hours the helpdesk is staffed by plan; presence of staff is checked separately. */
  helpdeskHours: Hours;
}

/** A data file that does not follow its schema: a deployment error, never user input. */
export class DataFileError extends AppError {
  constructor(message: string) {
    super('invalid_data_file', message, 500);
  }
}

type Issue = z.core.$ZodIssue;

/**
 * The most telling issue: inside a union, follow the branch that got furthest instead of
 * reporting "Invalid input" for the whole value.
 */
function deepestIssue(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.filter((branch) => branch.length > 0);
    const telling =
      branches.find((branch) => !(branch[0].code === 'invalid_type' && branch[0].path.length === 0)) ?? branches[0];
    if (telling) return deepestIssue(telling[0], path);
  }
  if (issue.code === 'unrecognized_keys') return { path, message: `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  return { path, message: issue.message };
}

function validate<S extends z.ZodType>(schema: S, value: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { path, message } = deepestIssue(result.error.issues[0]);
  throw new DataFileError(`${file}: ${formatPath(path)}: ${message}`);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${file}: (root): not valid JSON (${(error as Error).message})`);
  }
}

/** Builds a directory from already-parsed JSON values; `files` name them in error messages. */
export function buildServiceDirectory(
  servicesValue: unknown,
  helpdeskHoursValue: unknown,
  files: { services: string; helpdeskHours: string } = { services: DEFAULT_SERVICES_PATH, helpdeskHours: DEFAULT_HELPDESK_HOURS_PATH },
): ServiceDirectory {
  const servicesFile = validate(ServicesFileSchema, servicesValue, files.services);
  const helpdeskHours = helpdeskHoursToHours(validate(HelpdeskHoursFileSchema, helpdeskHoursValue, files.helpdeskHours));
  const services = new Map<ServiceId, Service>();
  for (const entry of servicesFile.services) {
    const channels = entry.channels.map((c): Channel => ({
      channel: c.channel,
      contact: c.contact,
      hours: !Array.isArray(c.hours) && c.hours.type === 'helpdesk-hours' ? helpdeskHours : (c.hours as Hours),
    }));
    const service: Service = { id: entry.id, name: entry.name, provider: entry.provider, audience: entry.audience, channels };
    if (entry.provider === 'external') Object.assign(service, { source: entry.source, checked: entry.checked, status: entry.status });
    services.set(entry.id, service);
  }
  return { services, helpdeskHours };
}

/**
 * Reads and validates the directory. Without arguments it uses the shipped data files.
 * Throws DataFileError "<file>: <field path>: <why>" when a file is missing, not JSON or off-schema.
 */
export function loadServiceDirectory(servicesPath?: string, helpdeskHoursPath?: string): ServiceDirectory {
  const files = {
    services: servicesPath ?? DEFAULT_SERVICES_PATH,
    helpdeskHours: helpdeskHoursPath ?? DEFAULT_HELPDESK_HOURS_PATH,
  };
  const servicesValue = servicesPath === undefined ? defaultServices : readJson(files.services);
  const hoursValue = helpdeskHoursPath === undefined ? shippedHelpdeskHours : readJson(files.helpdeskHours);
  return buildServiceDirectory(servicesValue, hoursValue, files);
}

let shipped: ServiceDirectory | undefined;

/** The shipped directory, validated once on first use. */
export function defaultServiceDirectory(): ServiceDirectory {
  shipped ??= loadServiceDirectory();
  return shipped;
}

/**
 * The helpdesk hours file as written (per-day spans), validated; the shipped one without an argument.
 * The staff side reads it through this, so routing and staff always agree on when the helpdesk is staffed.
 */
export function loadHelpdeskHours(helpdeskHoursPath?: string): HelpdeskHoursFile {
  if (helpdeskHoursPath === undefined) return validate(HelpdeskHoursFileSchema, shippedHelpdeskHours, DEFAULT_HELPDESK_HOURS_PATH);
  return validate(HelpdeskHoursFileSchema, readJson(helpdeskHoursPath), helpdeskHoursPath);
}
