// A user keeps writing while a staff member takes over: through the real channel and router, no message is lost or answered twice.
import { afterEach, describe, expect, it } from 'vitest';
import { createHelpdesk, type Helpdesk } from '../../src/staff/index.js';
import { addStaffAccount } from '../../src/staff/index.js';
import { call, echoBot, startConversation, startTestServer, waitFor, type TestServer } from '../server/testServer.js';
import { StaffClient, PASSWORD } from '../staff/staffApp.js';
import { OFFICE_TIME } from './testContext.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('claim while the user writes', () => {
  it('every user message is logged once and gets one bot reply or goes to the person, never both', async () => {
    let helpdesk: Helpdesk | undefined;
    let handedOff = 0;
    server = await startTestServer({
      now: OFFICE_TIME.getTime(),
      // The bot answers slowly, so turns are still running when the claim lands.
      bot: (deliver, ctx) => {
        helpdesk = createHelpdesk(ctx);
        return echoBot(deliver, { delayMs: 5 });
      },
      onHandedOffMessage: async (record, stored) => {
        handedOff++;
        await helpdesk!.onHandedOffMessage(record, stored);
      },
      deps: {
        staff: {
          get router() {
            return helpdesk!.staff.router;
          },
          handleUpgrade: (req, socket, head) => helpdesk!.staff.handleUpgrade(req, socket, head),
          close: () => helpdesk!.staff.close(),
        },
      },
    });
    const { ctx, base } = server;
    await addStaffAccount(ctx.store, 'anna', PASSWORD, ctx.clock().getTime());
    const staff = new StaffClient(base);
    expect((await staff.login('anna')).status).toBe(200);

    const { conversationId, token } = await startConversation(base);
    expect((await staff.call('POST', `/staff/api/conversations/${conversationId}/watch`)).status).toBe(200);

    const TOTAL = 18; // under the channel's 20 messages / 10 s limit
    const sends: Promise<unknown>[] = [];
    let claimed: Promise<{ status: number }> | undefined;
    let sentAfterClaim: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      if (i === 6) claimed = staff.call('POST', `/staff/api/conversations/${conversationId}/claim`);
      if (i === 12) {
        expect((await claimed!).status).toBe(200);
        sentAfterClaim = Array.from({ length: TOTAL - 12 }, (_, k) => `bericht ${12 + k}`);
      }
      sends.push(call(base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: `bericht ${i}` } }));
      if (i % 3 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    const results = (await Promise.all(sends)) as Array<{ status: number }>;
    expect(results.map((r) => r.status)).toEqual(Array(TOTAL).fill(200));
    const log = await waitFor(
      async () => (await ctx.store.listActivities(conversationId, 0, 1000)).map((s) => s.activity as Record<string, any>),
      (all) => {
        const echoes = all.filter((a) => typeof a.text === 'string' && a.text.startsWith('echo: bericht')).length;
        return echoes + handedOff === TOTAL;
      },
    );
    const userTexts = log.filter((a) => a.from?.role === 'user' && a.type === 'message').map((a) => a.text);
    expect(userTexts.sort()).toEqual(Array.from({ length: TOTAL }, (_, i) => `bericht ${i}`).sort());
    const echoed = log.filter((a) => typeof a.text === 'string' && a.text.startsWith('echo: ')).map((a) => a.text.slice(6));
    expect(new Set(echoed).size).toBe(echoed.length); // nothing answered twice
    expect(echoed.length + handedOff).toBe(TOTAL); // nothing lost
    for (const text of sentAfterClaim) expect(echoed).not.toContain(text); // after the claim the bot is silent
    expect(handedOff).toBeGreaterThanOrEqual(sentAfterClaim.length);
    expect(log.filter((a) => a.name === 'handoff.status' && a.value?.state === 'accepted')).toHaveLength(1);
  });
});
