// HandoffService against the in-memory store: availability, queueing, the claim race, hand back, queue limits and the observer.
import { beforeEach, describe, expect, it } from 'vitest';
import { HandoffService, RecordObserver } from '../../src/handoff/index.js';
import { translator } from '../../src/bot/i18n.js';
import type { AppError } from '../../src/errors.js';
import type { OfficeHours } from '../../src/staff/index.js';
import { NIGHT_TIME, OFFICE_TIME, testContext, type TestContext } from './testContext.js';

const nl = translator('nl', false);
const en = translator('en', false);

let ctx: TestContext;
let handoff: HandoffService;

async function online(name: string) {
  await ctx.store.setPresence({ staffName: name, status: 'online', updatedAt: ctx.clock().getTime() });
}

async function conversation(id = 'conv-1') {
  await ctx.store.createConversation(id, ctx.clock().getTime());
  await ctx.store.appendActivity(id, { type: 'message', from: { id: 'u-1', role: 'user' }, text: 'hallo' }, ctx.clock().getTime());
  return id;
}

async function log(id: string) {
  return (await ctx.store.listActivities(id, 0)).map((s) => s.activity as Record<string, any>);
}

beforeEach(() => {
  ctx = testContext();
  handoff = new HandoffService(ctx);
});

describe('staffAvailable', () => {
  it('needs someone online, recently refreshed, within office hours', async () => {
    expect(await handoff.staffAvailable()).toBe(false);
    await online('anna');
    expect(await handoff.staffAvailable()).toBe(true);
    ctx.advance(4 * 60 * 1000); // presence not refreshed for 4 minutes
    expect(await handoff.staffAvailable()).toBe(false);
  });

  it('outside configured office hours nobody counts as available', async () => {
    const evenings: OfficeHours = {
      timezone: 'Europe/Amsterdam',
      closedOnPublicHolidays: true,
      weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '09:00', to: '22:00' }]])),
    } as OfficeHours;
    const strict = new HandoffService(ctx, { officeHours: evenings });
    await online('anna');
    expect(await strict.staffAvailable()).toBe(true);
    ctx.setNow(NIGHT_TIME);
    await online('anna');
    expect(await strict.staffAvailable()).toBe(false);
  });

  it('the shipped office hours are around the clock: presence decides', async () => {
    ctx.setNow(NIGHT_TIME);
    await online('anna');
    expect(await handoff.staffAvailable()).toBe(true);
  });

  it('away does not count', async () => {
    await ctx.store.setPresence({ staffName: 'anna', status: 'away', updatedAt: ctx.clock().getTime() });
    expect(await handoff.staffAvailable()).toBe(false);
  });
});

describe('requestHuman', () => {
  it('without staff: not accepted, the user hears why, the open services, 112 and 0800-2000', async () => {
    const id = await conversation();
    expect(await handoff.requestHuman(id, 'user_asked')).toEqual({ accepted: false });
    expect((await ctx.store.getConversation(id))?.mode).toBe('bot');
    const last = (await log(id)).at(-1)!;
    expect(last.text).toContain(nl('handoff:noStaff'));
    expect(last.text).toContain('112');
    expect(last.text).toContain('0800-2000');
    expect(last.from.role).toBe('bot');
  });

  it('with staff: queued with a handoff.initiate event and a cancel button', async () => {
    const id = await conversation();
    await online('anna');
    expect(await handoff.requestHuman(id, 'critical')).toEqual({ accepted: true });
    const record = await ctx.store.getConversation(id);
    expect(record).toMatchObject({ mode: 'queued', waitingSince: OFFICE_TIME.getTime() });
    const [, initiate, notice] = await log(id);
    expect(initiate).toMatchObject({ type: 'event', name: 'handoff.initiate', value: { reason: 'critical' } });
    expect(JSON.stringify(initiate)).not.toContain('hallo'); // no transcript copied into the event
    expect(notice.text).toBe(nl('handoff:queued'));
    expect(notice.suggestedActions.actions[0].title).toBe(nl('handoff:cancelButton'));
    expect(handoff.isCancelText(record!, nl('handoff:cancelButton').toUpperCase())).toBe(true);
  });

  it('uses the language the bot reported', async () => {
    const id = await conversation();
    await new RecordObserver(ctx).profileChanged(id, { lang: 'en', simple: false, role: 'victim' });
    await handoff.requestHuman(id, 'user_asked');
    expect((await log(id)).at(-1)!.text).toContain(en('handoff:noStaff'));
  });
});

describe('claim, messages and hand back', () => {
  it('of two staff claiming at once exactly one wins; the other gets 409', async () => {
    const id = await conversation();
    await online('anna');
    await handoff.requestHuman(id, 'user_asked');
    const results = await Promise.allSettled([handoff.claim(id, 'anna'), handoff.claim(id, 'bram')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0].reason as AppError).status).toBe(409);
    const winner = (won[0] as PromiseFulfilledResult<{ assignedTo: string }>).value.assignedTo;
    expect((lost[0].reason as AppError).message).toContain(winner);
    expect((await log(id)).filter((a) => a.name === 'handoff.status' && a.value.state === 'accepted')).toHaveLength(1);
  });

  it('the user sees who joins, the marked staff message, who leaves and exactly one bot turn after', async () => {
    const id = await conversation();
    await online('anna.de-vries');
    await handoff.requestHuman(id, 'user_asked');
    await handoff.claim(id, 'anna.de-vries');
    await handoff.sendStaffMessage(id, 'anna.de-vries', 'Ik ben er voor je.');
    await handoff.release(id, 'anna.de-vries');
    const messages = (await log(id)).filter((a) => a.type === 'message').slice(2); // after the user's hello and the queue notice
    expect(messages.map((m) => m.text)).toEqual([
      nl('handoff:joined', { name: 'Anna' }),
      'Ik ben er voor je.',
      nl('handoff:left', { name: 'Anna' }),
      nl('handoff:botBack'),
    ]);
    expect(messages[1].from).toEqual({ id: 'staff:anna.de-vries', name: 'Anna (medewerker)', role: 'bot' });
    expect(messages[1].channelData).toEqual({ hulpwijzer: { sender: 'staff', staffName: 'Anna' } });
    expect(messages[3].suggestedActions.actions).toHaveLength(3);
    expect((await ctx.store.getConversation(id))).toMatchObject({ mode: 'bot', assignedTo: null });
    const audit = await ctx.store.listAudit(10);
    expect(audit.map((a) => a.action).sort()).toEqual(['claim', 'message', 'release']);
    expect(JSON.stringify(audit)).not.toContain('Ik ben er');
  });

  it('only the holder may write or hand back (403)', async () => {
    const id = await conversation();
    await online('anna');
    await handoff.requestHuman(id, 'user_asked');
    await expect(handoff.sendStaffMessage(id, 'anna', 'x')).rejects.toMatchObject({ status: 403 });
    await handoff.claim(id, 'anna');
    await expect(handoff.sendStaffMessage(id, 'bram', 'x')).rejects.toMatchObject({ status: 403 });
    await expect(handoff.release(id, 'bram')).rejects.toMatchObject({ status: 403 });
  });

  it('watch then take over writes an initiation, since nobody asked first', async () => {
    const id = await conversation();
    await handoff.watch(id, 'anna');
    await handoff.claim(id, 'anna');
    const names = (await log(id)).filter((a) => a.type === 'event').map((a) => `${a.name}:${a.value.state ?? a.value.reason}`);
    expect(names).toEqual(['handoff.status:watching', 'handoff.initiate:staff_takeover', 'handoff.status:accepted']);
  });

  it('notes stay out of the activity log', async () => {
    const id = await conversation();
    await handoff.addNote(id, 'anna', 'bel morgen terug');
    expect(JSON.stringify(await log(id))).not.toContain('bel morgen');
    expect((await ctx.store.listNotes(id))[0]).toMatchObject({ staffName: 'anna', text: 'bel morgen terug' });
  });
});

describe('the queue sweep', () => {
  it('sends a conversation back after QUEUE_WAIT_LIMIT_SECONDS, with 112 and 0800-2000', async () => {
    ctx = testContext({ QUEUE_WAIT_LIMIT_SECONDS: '60' });
    handoff = new HandoffService(ctx);
    const id = await conversation();
    await online('anna');
    await handoff.requestHuman(id, 'user_asked');
    ctx.advance(59_000);
    expect(await handoff.sweepQueue()).toBe(0);
    ctx.advance(1_000);
    await online('anna');
    expect(await handoff.sweepQueue()).toBe(1);
    expect((await ctx.store.getConversation(id))?.mode).toBe('bot');
    const last = (await log(id)).at(-1)!;
    expect(last.text).toContain(nl('handoff:waitTooLong'));
    expect(last.text).toContain('0800-2000');
  });

  it('sends everyone waiting back when the last staff member goes away', async () => {
    const id = await conversation();
    await online('anna');
    await handoff.requestHuman(id, 'user_asked');
    await ctx.store.setPresence({ staffName: 'anna', status: 'away', updatedAt: ctx.clock().getTime() });
    expect(await handoff.sweepQueue()).toBe(1);
    expect((await log(id)).at(-1)!.text).toContain(nl('handoff:staffLeft'));
  });

  it('the user can stop waiting', async () => {
    const id = await conversation();
    await online('anna');
    await handoff.requestHuman(id, 'user_asked');
    await handoff.cancelByUser(id);
    expect((await ctx.store.getConversation(id))?.mode).toBe('bot');
    expect((await log(id)).at(-1)!.text).toBe(nl('handoff:cancelled'));
  });
});

describe('RecordObserver', () => {
  it('merges signals, keeps urgent once set, stores the assessment and tells the bus', async () => {
    const id = await conversation();
    const published: string[] = [];
    ctx.bus.subscribe('conversation', (c) => published.push(c));
    const observer = new RecordObserver(ctx);
    await observer.signalsDetected(id, ['weapon'], true);
    await observer.signalsDetected(id, ['weapon', 'child_harm'], false);
    await observer.assessmentReady(id, { group: 3, groupRange: [3, 3], partnerViolence: 'severe', childAbuse: null, redFlags: ['weapon'], profiles: [], role: 'victim' });
    const record = await ctx.store.getConversation(id);
    expect(record).toMatchObject({ urgent: true, signals: ['weapon', 'child_harm'], summary: { assessment: { group: 3 } } });
    expect(published).toEqual([id, id, id]);
    expect(await ctx.metrics.urgentFlags.get()).toMatchObject({ values: [{ value: 1 }] });
  });

  it('ignores a conversation the store does not know (terminal chat)', async () => {
    await expect(new RecordObserver(ctx).signalsDetected('nope', ['weapon'], true)).resolves.toBeUndefined();
  });
});

describe('a holder who vanishes', () => {
  it('an agent conversation goes back to the bot when the holder stops refreshing presence; audited as system', async () => {
    const id = await conversation();
    await online('anna');
    await handoff.requestHuman(id, 'user_asked');
    await handoff.claim(id, 'anna');
    ctx.advance(2 * 60 * 1000);
    expect(await handoff.sweepQueue()).toBe(0);
    ctx.advance(2 * 60 * 1000); // 4 minutes without a heartbeat
    expect(await handoff.sweepQueue()).toBe(1);
    expect(await ctx.store.getConversation(id)).toMatchObject({ mode: 'bot', assignedTo: null });
    expect((await log(id)).slice(-2).map((a) => a.text)).toEqual([nl('handoff:left', { name: 'Anna' }), nl('handoff:botBack')]);
    expect((await ctx.store.listAudit(1))[0]).toMatchObject({ actor: 'system', action: 'release', conversationId: id });
  });

  it('a watcher who vanishes stops watching', async () => {
    const id = await conversation();
    await online('anna');
    await handoff.watch(id, 'anna');
    await ctx.store.setPresence({ staffName: 'anna', status: 'offline', updatedAt: ctx.clock().getTime() });
    expect(await handoff.sweepQueue()).toBe(1);
    expect((await ctx.store.getConversation(id))?.mode).toBe('bot');
  });
});
