// route(): the rules of domain.md section 6 on fixed instants, plus properties that must hold for any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRITICAL_SIGNALS, GENDERS, ROLES, SIGNAL_IDS } from '../../src/ids.js';
import {
  buildServiceDirectory,
  route,
  type RouteInput,
  type RouteOption,
  type RouteResult,
} from '../../src/routing/index.js';
import shippedServices from '../../src/routing/data/services.json' with { type: 'json' };
import shippedHelpdeskHours from '../../src/routing/data/helpdesk-hours.json' with { type: 'json' };

/** Wednesday 12:00: Veilig Thuis chat and Kindertelefoon both open. */
const WEDNESDAY_NOON = '2026-11-25T12:00:00+01:00';
/** Wednesday 10:00: Veilig Thuis chat open, Kindertelefoon not yet. */
const WEDNESDAY_MORNING = '2026-11-25T10:00:00+01:00';
/** Wednesday 22:30: everything with office hours is closed. */
const WEDNESDAY_NIGHT = '2026-11-25T22:30:00+01:00';
/** Saturday 12:00: Kindertelefoon open, Veilig Thuis chat closed. */
const SATURDAY_NOON = '2026-11-28T12:00:00+01:00';

/** "service/channel/contact" per option, in order: compact and exact. */
const lines = (result: RouteResult) => result.options.map((o) => `${o.service}/${o.channel}/${o.contact}`);
const services = (result: RouteResult) => [...new Set(result.options.map((o) => o.service))];
const find = (result: RouteResult, service: string, channel: string) =>
  result.options.find((o) => o.service === service && o.channel === channel);

const VT_PHONE = 'veilig-thuis/phone/0800-2000';
const VT_CHAT = 'veilig-thuis/chat/https://veiligthuis.nl';
const KT_PHONE = 'kindertelefoon/phone/0800-0432';
const KT_CHAT = 'kindertelefoon/chat/https://www.kindertelefoon.nl';
const FIER = 'fier/chat/https://www.fier.nl';
const SW_SITE = 'safewomen/website/https://www.safewomen.nl';
const SW_CHAT = 'safewomen/chat/https://www.safewomen.nl';
const P112 = '112/phone/112';
const P113 = ['113/phone/113', '113/phone/0800-0113', '113/chat/https://www.113.nl'];
const CSG = 'centrum-seksueel-geweld/phone/0800-0188';
const HELPDESK = 'helpdesk/chat/helpdesk';

describe('route: urgency and emergency lines (rules 1-2)', () => {
  it('is not urgent without signals or with risk signals only', () => {
    expect(route({ at: WEDNESDAY_NOON, role: 'victim' }).urgent).toBe(false);
    const risky = route({ at: WEDNESDAY_NOON, role: 'victim', signals: ['coercive_control', 'stalking', 'separation'] });
    expect(risky.urgent).toBe(false);
    expect(lines(risky)).not.toContain(P112);
  });

  it.each(CRITICAL_SIGNALS.filter((s) => s !== 'self_harm'))('%s is urgent and puts 112 first', (signal) => {
    const result = route({ at: WEDNESDAY_NIGHT, role: 'victim', signals: [signal] });
    expect(result.urgent).toBe(true);
    expect(result.options[0]).toEqual({ service: '112', channel: 'phone', contact: '112', openNow: true });
  });

  it('self_harm alone: urgent, 113 first (all three ways), no 112', () => {
    const result = route({ at: WEDNESDAY_NOON, role: 'victim', signals: ['self_harm'], staffOnline: true });
    expect(result.urgent).toBe(true);
    expect(lines(result).slice(0, 4)).toEqual([...P113, HELPDESK]);
    expect(lines(result)).not.toContain(P112);
    expect(result.options.slice(0, 3).every((o) => o.openNow)).toBe(true);
  });

  it('acute_danger + self_harm: 112 first, 113 right after', () => {
    const result = route({ at: WEDNESDAY_NIGHT, role: 'victim', signals: ['self_harm', 'acute_danger'] });
    expect(lines(result).slice(0, 5)).toEqual([P112, ...P113, VT_PHONE]);
  });

  it('acute_danger stays first whatever else is true: staff online, a child, sexual violence, self-harm', () => {
    const result = route({
      at: WEDNESDAY_NOON,
      role: 'young_person',
      age: 12,
      signals: ['sexual_violence', 'self_harm', 'acute_danger'],
      staffOnline: true,
    });
    expect(lines(result).slice(0, 7)).toEqual([P112, ...P113, CSG, HELPDESK, KT_PHONE]);
  });

  it('sexual_violence adds Centrum Seksueel Geweld right after 112', () => {
    const result = route({ at: WEDNESDAY_NIGHT, role: 'victim', gender: 'female', signals: ['sexual_violence'] });
    expect(lines(result).slice(0, 3)).toEqual([P112, CSG, VT_PHONE]);
    expect(find(result, 'centrum-seksueel-geweld', 'phone')?.openNow).toBe(true);
    expect(lines(route({ at: WEDNESDAY_NIGHT, role: 'victim', signals: ['weapon'] }))).not.toContain(CSG);
  });

  it('each line appears once even when two rules ask for it', () => {
    const result = route({ at: WEDNESDAY_NOON, role: 'victim', signals: ['threat_to_kill', 'weapon', 'strangulation'] });
    expect(lines(result).filter((l) => l === P112)).toHaveLength(1);
    expect(new Set(lines(result)).size).toBe(result.options.length);
  });
});

describe('route: the helpdesk (rule 3)', () => {
  it('comes first among non-emergency options when staff are online', () => {
    expect(lines(route({ at: WEDNESDAY_NIGHT, role: 'victim', staffOnline: true }))[0]).toBe(HELPDESK);
    const urgent = route({ at: WEDNESDAY_NIGHT, role: 'bystander', signals: ['child_harm'], staffOnline: true });
    expect(lines(urgent).slice(0, 3)).toEqual([P112, HELPDESK, VT_PHONE]);
    expect(find(urgent, 'helpdesk', 'chat')).toEqual({ service: 'helpdesk', channel: 'chat', contact: 'helpdesk', openNow: true });
  });

  it('is left out when no staff are online', () => {
    expect(services(route({ at: WEDNESDAY_NOON, role: 'victim' }))).not.toContain('helpdesk');
    expect(services(route({ at: WEDNESDAY_NOON, role: 'victim', staffOnline: false }))).not.toContain('helpdesk');
  });

  it('is left out outside configured helpdesk hours even with staff online', () => {
    const nineToFive = [{ from: '09:00', to: '17:00' }];
    const officeHours = buildServiceDirectory(shippedServices, {
      timezone: 'Europe/Amsterdam',
      closedOnPublicHolidays: false,
      weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
    });
    expect(lines(route({ at: WEDNESDAY_NIGHT, role: 'victim', staffOnline: true }, officeHours))).not.toContain(HELPDESK);
    expect(lines(route({ at: WEDNESDAY_NOON, role: 'victim', staffOnline: true }, officeHours))[0]).toBe(HELPDESK);
  });
});

describe('route: young people and Kindertelefoon (rule 4)', () => {
  it('Kindertelefoon phone and chat first when open, then Veilig Thuis', () => {
    const result = route({ at: WEDNESDAY_NOON, role: 'young_person', age: 12 });
    expect(lines(result)).toEqual([KT_PHONE, KT_CHAT, VT_PHONE, VT_CHAT, FIER]);
  });

  it('right after the helpdesk when staff are online', () => {
    const result = route({ at: SATURDAY_NOON, role: 'young_person', staffOnline: true });
    expect(lines(result)).toEqual([HELPDESK, KT_PHONE, KT_CHAT, VT_PHONE, VT_CHAT, FIER]);
  });

  it('when Kindertelefoon is closed: Veilig Thuis phone first, Kindertelefoon after with its opening time', () => {
    const result = route({ at: WEDNESDAY_MORNING, role: 'young_person', age: 14 });
    expect(lines(result)).toEqual([VT_PHONE, VT_CHAT, KT_PHONE, KT_CHAT, FIER]);
    expect(find(result, 'kindertelefoon', 'phone')).toEqual({
      service: 'kindertelefoon',
      channel: 'phone',
      contact: '0800-0432',
      openNow: false,
      opensAt: '2026-11-25T11:00:00+01:00',
    });
    const night = route({ at: WEDNESDAY_NIGHT, role: 'young_person' });
    expect(lines(night)).toEqual([VT_PHONE, KT_PHONE, KT_CHAT, VT_CHAT, FIER]);
    expect(find(night, 'kindertelefoon', 'chat')?.opensAt).toBe('2026-11-26T11:00:00+01:00');
  });

  it('10:59 and 11:00 local on the DST switch days, given as UTC instants', () => {
    const before = route({ at: '2026-03-29T08:59:00Z', role: 'young_person' });
    expect(lines(before)[0]).toBe(VT_PHONE);
    expect(find(before, 'kindertelefoon', 'phone')?.opensAt).toBe('2026-03-29T11:00:00+02:00');
    expect(lines(route({ at: '2026-03-29T09:00:00Z', role: 'young_person' }))[0]).toBe(KT_PHONE);
    const autumnBefore = route({ at: '2026-10-25T09:59:00Z', role: 'young_person' });
    expect(lines(autumnBefore)[0]).toBe(VT_PHONE);
    expect(find(autumnBefore, 'kindertelefoon', 'chat')?.opensAt).toBe('2026-10-25T11:00:00+01:00');
    expect(lines(route({ at: '2026-10-25T10:00:00Z', role: 'young_person' }))[0]).toBe(KT_PHONE);
  });

  it('Kindertelefoon is open on Christmas and Boxing Day while Veilig Thuis chat is closed', () => {
    for (const at of ['2025-12-25T12:00:00+01:00', '2025-12-26T15:00:00+01:00']) {
      const result = route({ at, role: 'young_person', age: 10 });
      expect(find(result, 'kindertelefoon', 'phone')?.openNow).toBe(true);
      expect(find(result, 'veilig-thuis', 'chat')).toMatchObject({ openNow: false, opensAt: '2025-12-29T09:00:00+01:00' });
    }
  });

  it('counts any role aged 8..18 as a young person, ages 8 and 18 included', () => {
    for (const [role, age] of [['victim', 8], ['perpetrator', 15], ['bystander', 18], ['young_person', 18]] as const) {
      expect(lines(route({ at: WEDNESDAY_NOON, role, age })).slice(0, 2)).toEqual([KT_PHONE, KT_CHAT]);
    }
  });

  it('never Kindertelefoon for adults or children under 8', () => {
    const cases: RouteInput[] = [
      { at: WEDNESDAY_NOON, role: 'young_person', age: 19 },
      { at: WEDNESDAY_NOON, role: 'victim', age: 40 },
      { at: WEDNESDAY_NOON, role: 'victim' },
      { at: WEDNESDAY_NOON, role: 'perpetrator' },
      { at: WEDNESDAY_NOON, role: 'bystander', signals: ['child_harm'] },
      { at: WEDNESDAY_NOON, role: 'young_person', age: 7 },
      { at: WEDNESDAY_NOON, role: 'victim', age: 0 },
    ];
    for (const input of cases) expect(services(route(input))).not.toContain('kindertelefoon');
  });
});

describe('route: SafeWomen (rule 5)', () => {
  it('for adult women who are victims, age stated or not', () => {
    for (const age of [undefined, 19, 45]) {
      const input: RouteInput = { at: WEDNESDAY_NOON, role: 'victim', gender: 'female', ...(age === undefined ? {} : { age }) };
      expect(services(route(input))).toContain('safewomen');
    }
  });

  it('never for men, other or unknown gender, perpetrators, bystanders or young people', () => {
    const cases: RouteInput[] = [
      { at: WEDNESDAY_NOON, role: 'victim', gender: 'male' },
      { at: WEDNESDAY_NOON, role: 'victim', gender: 'male', age: 30 },
      { at: WEDNESDAY_NOON, role: 'victim', gender: 'other' },
      { at: WEDNESDAY_NOON, role: 'victim' },
      { at: WEDNESDAY_NOON, role: 'perpetrator', gender: 'female' },
      { at: WEDNESDAY_NOON, role: 'bystander', gender: 'female' },
      { at: WEDNESDAY_NOON, role: 'young_person', gender: 'female' },
      { at: WEDNESDAY_NOON, role: 'victim', gender: 'female', age: 18 },
      { at: WEDNESDAY_NOON, role: 'victim', gender: 'female', age: 12 },
    ];
    for (const input of cases) expect(services(route(input))).not.toContain('safewomen');
  });
});

describe('route: services per role (rule 6) and ordering (rule 7)', () => {
  it('victim (adult woman) at night: open lines first, then closed with opensAt, then unknown hours in role order', () => {
    expect(route({ at: WEDNESDAY_NIGHT, role: 'victim', gender: 'female' })).toEqual({
      urgent: false,
      options: [
        { service: 'veilig-thuis', channel: 'phone', contact: '0800-2000', openNow: true },
        { service: 'safewomen', channel: 'website', contact: 'https://www.safewomen.nl', openNow: true },
        { service: 'veilig-thuis', channel: 'chat', contact: 'https://veiligthuis.nl', openNow: false, opensAt: '2026-11-26T09:00:00+01:00' },
        { service: 'fier', channel: 'chat', contact: 'https://www.fier.nl', openNow: false, hoursKnown: false },
        { service: 'safewomen', channel: 'chat', contact: 'https://www.safewomen.nl', openNow: false, hoursKnown: false },
      ],
    });
  });

  it('perpetrator: Veilig Thuis and Fier only', () => {
    const result = route({ at: WEDNESDAY_NOON, role: 'perpetrator', gender: 'male' });
    expect(lines(result)).toEqual([VT_PHONE, VT_CHAT, FIER]);
  });

  it('bystander: Veilig Thuis only', () => {
    expect(lines(route({ at: WEDNESDAY_NOON, role: 'bystander' }))).toEqual([VT_PHONE, VT_CHAT]);
  });

  it('adult victim who is not a woman: Veilig Thuis and Fier', () => {
    expect(lines(route({ at: WEDNESDAY_NOON, role: 'victim', gender: 'male' }))).toEqual([VT_PHONE, VT_CHAT, FIER]);
  });

  it('Friday 17:00: Veilig Thuis chat closed, opens Monday 09:00', () => {
    const result = route({ at: '2026-11-27T17:00:00+01:00', role: 'bystander' });
    expect(result.options[1]).toEqual({
      service: 'veilig-thuis',
      channel: 'chat',
      contact: 'https://veiligthuis.nl',
      openNow: false,
      opensAt: '2026-11-30T09:00:00+01:00',
    });
    expect(find(route({ at: '2026-11-27T16:59:00+01:00', role: 'bystander' }), 'veilig-thuis', 'chat')?.openNow).toBe(true);
  });

  it("King's Day 2026 (Monday): Veilig Thuis chat closed, opens Tuesday", () => {
    expect(find(route({ at: '2026-04-27T10:00:00+02:00', role: 'victim' }), 'veilig-thuis', 'chat')).toMatchObject({
      openNow: false,
      opensAt: '2026-04-28T09:00:00+02:00',
    });
  });

  it('Veilig Thuis chat on the Monday after each DST switch, instants in UTC', () => {
    expect(find(route({ at: '2026-03-30T07:00:00Z', role: 'victim' }), 'veilig-thuis', 'chat')?.openNow).toBe(true);
    expect(find(route({ at: '2026-03-30T06:59:00Z', role: 'victim' }), 'veilig-thuis', 'chat')?.opensAt).toBe(
      '2026-03-30T09:00:00+02:00',
    );
    expect(find(route({ at: '2026-10-26T08:00:00Z', role: 'victim' }), 'veilig-thuis', 'chat')?.openNow).toBe(true);
    expect(find(route({ at: '2026-10-26T07:59:00Z', role: 'victim' }), 'veilig-thuis', 'chat')?.opensAt).toBe(
      '2026-10-26T09:00:00+01:00',
    );
  });

  it('keeps the Veilig Thuis phone even when the data would exclude it by audience', () => {
    const narrowed = structuredClone(shippedServices) as { services: { id: string; audience: { roles: string[] } }[] };
    narrowed.services.find((s) => s.id === 'veilig-thuis')!.audience.roles = ['victim'];
    const directory = buildServiceDirectory(narrowed, shippedHelpdeskHours);
    expect(lines(route({ at: WEDNESDAY_NOON, role: 'bystander' }, directory))).toContain(VT_PHONE);
  });
});

describe('route: hours decide openNow (rule 8)', () => {
  it('unknown hours are never open, carry hoursKnown false and no opensAt', () => {
    for (const at of [WEDNESDAY_NOON, WEDNESDAY_NIGHT, SATURDAY_NOON]) {
      const fier = find(route({ at, role: 'perpetrator' }), 'fier', 'chat');
      expect(fier).toEqual({ service: 'fier', channel: 'chat', contact: 'https://www.fier.nl', openNow: false, hoursKnown: false });
    }
  });
});

describe('route: properties over any valid input', () => {
  const instant = fc
    .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) })
    .map((ms) => new Date(ms - (ms % 60_000)).toISOString());
  const input = fc.record(
    {
      at: instant,
      role: fc.constantFrom(...ROLES),
      age: fc.integer({ min: 0, max: 120 }),
      gender: fc.constantFrom(...GENDERS),
      signals: fc.uniqueArray(fc.constantFrom(...SIGNAL_IDS), { maxLength: 4 }),
      staffOnline: fc.boolean(),
    },
    { requiredKeys: ['at', 'role'] },
  );

  const nonEmergency = (options: RouteOption[]) =>
    options.filter((o) => !['112', '113', 'centrum-seksueel-geweld', 'helpdesk'].includes(o.service));

  it('hold the rules', () => {
    fc.assert(
      fc.property(input, (value) => {
        const result = route(value);
        const ids = lines(result);
        const signals = value.signals ?? [];
        expect(ids).toContain(VT_PHONE);
        expect(result.urgent).toBe(signals.some((s) => (CRITICAL_SIGNALS as readonly string[]).includes(s)));
        if (signals.includes('acute_danger')) expect(ids[0]).toBe(P112);
        if (signals.length === 1 && signals[0] === 'self_harm') expect(ids[0]).toBe(P113[0]);
        const adult = value.age !== undefined ? value.age >= 19 : value.role !== 'young_person';
        if (adult || (value.age !== undefined && value.age < 8)) expect(services(result)).not.toContain('kindertelefoon');
        if (value.gender !== 'female' || value.role !== 'victim' || !adult) expect(services(result)).not.toContain('safewomen');
        if (!value.staffOnline) expect(services(result)).not.toContain('helpdesk');
        const rest = nonEmergency(result.options);
        const firstClosed = rest.findIndex((o) => !o.openNow);
        if (firstClosed >= 0) expect(rest.slice(firstClosed).every((o) => !o.openNow)).toBe(true);
        for (const option of result.options) {
          if (option.hoursKnown === false) expect(option.openNow).toBe(false);
          if (!option.openNow && option.hoursKnown !== false) {
            expect(option.opensAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
            expect(Date.parse(option.opensAt!)).toBeGreaterThan(Date.parse(value.at));
          }
          if (option.openNow) expect(option.opensAt).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});
