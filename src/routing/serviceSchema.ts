// The shape of the services directory data file (data/services.json) and the helpdesk hours file.
import { z } from 'zod';
import { GenderSchema, RoleSchema } from '../ids.js';
import { AlwaysHoursSchema, UnknownHoursSchema, WeeklyIntervalSchema } from './hours.js';

export const CHANNEL_KINDS = ['phone', 'chat', 'website'] as const;
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** The service ids route() knows by name (interfaces.md); the file may hold these and no others. */
export const SERVICE_IDS = [
  '112',
  '113',
  'veilig-thuis',
  'kindertelefoon',
  'fier',
  'safewomen',
  'helpdesk',
  'centrum-seksueel-geweld',
] as const;
export const ServiceIdSchema = z.enum(SERVICE_IDS);
export type ServiceId = z.infer<typeof ServiceIdSchema>;

/** A Dutch phone number as dialled: digits with optional dashes or spaces, e.g. "112", "0800-2000". */
const PHONE = /^\d[\d -]*\d$|^\d$/;
/** How an own channel is named in the contact field, e.g. "helpdesk": it lives in this chat, not at an address. */
const OWN_CONTACT = /^[a-z][a-z0-9-]*$/;

/** Year, year-month or full date of the newest source that confirmed the facts, e.g. "2025-10". */
const CheckedSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected "YYYY", "YYYY-MM" or "YYYY-MM-DD"');

const HttpsUrlSchema = z.url({ protocol: /^https$/, error: 'expected an https:// URL' });

/** The file may say "use the helpdesk hours file" instead of hours, only for the project's own helpdesk. */
export const HelpdeskHoursRefSchema = z.strictObject({ type: z.literal('helpdesk-hours') });

export const ChannelFileSchema = z.strictObject({
  channel: ChannelKindSchema,
  contact: z.string().min(1),
  // Same shapes as HoursSchema plus the helpdesk reference, in one discriminated union so errors point at the field.
  hours: z.union([
    z.discriminatedUnion('type', [AlwaysHoursSchema, UnknownHoursSchema, WeeklyIntervalSchema, HelpdeskHoursRefSchema]),
    z.array(WeeklyIntervalSchema).min(1, 'list at least one interval'),
  ]),
});

export const AudienceSchema = z
  .strictObject({
    /** Who may be sent here. */
    roles: z.array(RoleSchema).min(1),
    /** Inclusive age bounds in years; left out means no bound. */
    minAge: z.int().min(0).max(120).optional(),
    maxAge: z.int().min(0).max(120).optional(),
    /** Left out: every gender. When set, a person whose gender is not known is not sent here. */
    genders: z.array(GenderSchema).min(1).optional(),
  })
  .refine((a) => a.minAge === undefined || a.maxAge === undefined || a.minAge <= a.maxAge, {
    message: 'must not be below minAge',
    path: ['maxAge'],
  });
export type Audience = z.infer<typeof AudienceSchema>;

const ServiceBaseShape = {
  id: ServiceIdSchema,
  /** The organisation's own name; shown names are i18n keys `services:<id>`. */
  name: z.string().min(1),
  audience: AudienceSchema,
  channels: z.array(ChannelFileSchema).min(1),
};

/** A service run by someone else: we must say where the facts come from and when they were checked. */
const ExternalServiceSchema = z.strictObject({
  ...ServiceBaseShape,
  provider: z.literal('external'),
  source: HttpsUrlSchema,
  checked: CheckedSchema,
  /** "unverified": facts from a single or old source; their hours stay "unknown" unless confirmed. */
  status: z.enum(['verified', 'unverified']),
  note: z.string().min(1).optional(),
});

/** This project's own staff: no outside source, its hours are configuration. */
const OwnServiceSchema = z.strictObject({
  ...ServiceBaseShape,
  provider: z.literal('own'),
  note: z.string().min(1).optional(),
});

export const ServiceFileSchema = z
  .discriminatedUnion('provider', [ExternalServiceSchema, OwnServiceSchema])
  .superRefine((service, ctx) => {
    service.channels.forEach((channel, index) => {
      const path = ['channels', index, 'contact'];
      if (channel.channel === 'phone' && !PHONE.test(channel.contact)) {
        ctx.addIssue({ code: 'custom', path, message: 'expected a phone number such as "0800-2000"' });
      } else if (channel.channel !== 'phone' && service.provider === 'external' && !HttpsUrlSchema.safeParse(channel.contact).success) {
        ctx.addIssue({ code: 'custom', path, message: 'expected an https:// URL' });
      } else if (channel.channel !== 'phone' && service.provider === 'own' && !OWN_CONTACT.test(channel.contact)) {
        ctx.addIssue({ code: 'custom', path, message: 'expected a lower-case id such as "helpdesk"' });
      }
      const usesHelpdeskHours = !Array.isArray(channel.hours) && channel.hours.type === 'helpdesk-hours';
      if (usesHelpdeskHours && service.id !== 'helpdesk') {
        ctx.addIssue({ code: 'custom', path: ['channels', index, 'hours'], message: '"helpdesk-hours" is only for the helpdesk' });
      }
    });
  });
export type ServiceFileEntry = z.infer<typeof ServiceFileSchema>;

export const ServicesFileSchema = z
  .strictObject({ services: z.array(ServiceFileSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.services.forEach((service, index) => {
      if (seen.has(service.id)) ctx.addIssue({ code: 'custom', path: ['services', index, 'id'], message: `duplicate id "${service.id}"` });
      seen.add(service.id);
    });
    // route() always ends with the Veilig Thuis line and escalates to 112; without them it cannot keep its promises.
    for (const required of ['112', 'veilig-thuis'] as const) {
      if (!seen.has(required)) ctx.addIssue({ code: 'custom', path: ['services'], message: `service "${required}" is required` });
    }
  });
