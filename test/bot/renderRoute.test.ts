// Route options as lines: open now, opens at a local time (today, tomorrow, weekday), hours unknown.
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/bot/i18n.js';
import { formatOpensAt, renderRouteOption } from '../../src/bot/renderRoute.js';

const t = translator('nl', false);
const now = new Date('2026-11-25T21:30:00Z'); // Wednesday 22:30 in Amsterdam

describe('renderRouteOption', () => {
  it('an open phone line', () => {
    const line = renderRouteOption(t, 'nl', { service: 'veilig-thuis', channel: 'phone', contact: '0800-2000', openNow: true }, now);
    expect(line).toBe(t('routing:option.line', { how: t('routing:option.phone', { name: 'Veilig Thuis', contact: '0800-2000' }), status: t('routing:status.open') }));
  });

  it('a closed chat with its opening time in Amsterdam time', () => {
    const line = renderRouteOption(t, 'nl', { service: 'veilig-thuis', channel: 'chat', contact: 'https://veiligthuis.nl', openNow: false, opensAt: '2026-11-26T09:00:00+01:00' }, now);
    expect(line).toContain(t('routing:when.tomorrow', { time: '09:00' }));
  });

  it('hours unknown: never "open now"', () => {
    const line = renderRouteOption(t, 'nl', { service: 'fier', channel: 'chat', contact: 'https://fier.nl', openNow: false, hoursKnown: false }, now);
    expect(line).toContain(t('routing:status.unknown'));
  });

  it('formats today, tomorrow and later days', () => {
    expect(formatOpensAt(t, 'nl', '2026-11-25T23:00:00+01:00', now)).toBe(t('routing:when.today', { time: '23:00' }));
    const en = translator('en', false);
    expect(formatOpensAt(en, 'en', '2026-11-30T09:00:00+01:00', now)).toBe(en('routing:when.day', { day: 'Monday', time: '09:00' }));
    expect(formatOpensAt(t, 'nl', '2026-11-30T09:00:00+01:00', now)).toBe(t('routing:when.day', { day: 'maandag', time: '09:00' }));
  });
});
