// Browser test of a takeover: a user chats on / while a staff member signs in on /staff, takes over, both write, keeps it for a case, and hands back.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/bot/i18n.js';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.js';
import { startServer, type RunningServer } from './helpers/server.js';
import { botTexts, say, startChat, transcript, waitForBot } from './helpers/webChat.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'een-lang-genoeg-wachtwoord';
const nl = translator('nl', false);

let server: RunningServer;
let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  // The account comes from the real CLI, against the same data directory as the running server.
  const added = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'staff', 'add', 'anna.de-vries'], {
    cwd: ROOT,
    input: `${PASSWORD}\n`,
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  if (added.status !== 0) throw new Error(`staff add failed: ${added.stderr}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const watched of opened) await watched.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('staff takeover in the browser', () => {
  it('user sees the join, the marked staff message, the leave and the bot coming back', async () => {
    // The user, in their own browser context.
    const user = await openPage(browser, server.baseUrl);
    opened.push(user);
    await user.page.goto(`${server.baseUrl}/`);
    await user.page.waitForFunction(() => !(document.getElementById('hw-start') as HTMLButtonElement).disabled);
    await startChat(user.page);
    await say(user.page, 'Mijn partner schreeuwt de laatste tijd veel tegen me.');

    // The staff member, in a second context (separate cookies).
    const staff = await openPage(browser, server.baseUrl);
    opened.push(staff);
    const console_ = staff.page;
    await console_.goto(`${server.baseUrl}/staff`);
    await console_.fill('#login-name', 'anna.de-vries');
    await console_.fill('#login-password', PASSWORD);
    await console_.click('#login-form button[type=submit]');
    await console_.waitForSelector('#console:not([hidden])');
    await console_.selectOption('#presence', 'online');

    // The user's conversation shows in the live queue; watch it, then take it over.
    await console_.locator('#queue .queue-button').first().click();
    await console_.waitForSelector('#transcript .from-user');
    expect(await console_.locator('#transcript .from-user .text').first().textContent()).toBe('Mijn partner schreeuwt de laatste tijd veel tegen me.');
    await console_.click('#act-watch');
    await console_.waitForSelector('#act-claim:not([hidden])');
    let before = (await botTexts(user.page)).length;
    await console_.click('#act-claim');
    await console_.waitForSelector('#message-text:not([disabled])');
    const joined = await waitForBot(user.page, before);
    expect(joined.join('\n')).toContain(nl('handoff:joined', { name: 'Anna' }));

    // Staff writes; the user sees it marked as a staff member.
    before = (await botTexts(user.page)).length;
    await console_.fill('#message-text', 'Hoi, ik ben Anna. Ik lees met je mee. Wil je vertellen wat er gebeurt?');
    await console_.click('#message-send');
    await waitForBot(user.page, before);
    const staffBubbles = (await transcript(user.page)).filter((e) => e.staff);
    expect(staffBubbles).toHaveLength(1);
    expect(staffBubbles[0].text).toContain('Hoi, ik ben Anna.');
    expect(await user.page.locator('#hw-webchat .hw-staff .hw-staff__name').first().textContent()).toMatch(/Medewerker/);

    // The user answers; the bot stays silent and the staff member reads it live.
    const botCountBefore = (await botTexts(user.page)).length;
    const input = user.page.locator('#hw-webchat [data-id="webchat-sendbox-input"]');
    await input.fill('Hij pakt soms mijn telefoon af.');
    await input.press('Enter');
    await console_.waitForSelector('#transcript .from-user:nth-last-child(1) .text:text("Hij pakt soms mijn telefoon af.")');
    await user.page.waitForTimeout(1000);
    expect((await botTexts(user.page)).length).toBe(botCountBefore);

    // Keep it for an open case: the button is a real button whose label says what it will do; the state is shown next to it.
    const keepButton = console_.getByRole('button', { name: 'Bewaren voor een open zaak' });
    expect(await keepButton.getAttribute('aria-describedby')).toBe('keep-state');
    await keepButton.click();
    await console_.getByRole('button', { name: 'Niet meer bewaren' }).waitFor();
    await console_.waitForSelector('#detail-kept:not([hidden])');
    expect(await console_.locator('#keep-state').textContent()).toContain('bewaard voor een open zaak');
    await console_.waitForSelector('#queue .queue-item .pill.kept');

    await console_.screenshot({ path: path.join(SCREENSHOTS, 'staff-console.png'), fullPage: true });

    // Hand back: the user hears who left and the bot's one message that it is back.
    before = (await botTexts(user.page)).length;
    await console_.click('#act-release');
    const back = await waitForBot(user.page, before);
    expect(back).toEqual([nl('handoff:left', { name: 'Anna' }), nl('handoff:botBack')]);
    await console_.waitForSelector('#act-watch:not([hidden])');
    // Handed back it stays kept until someone stops keeping it.
    await console_.getByRole('button', { name: 'Niet meer bewaren' }).click();
    await console_.getByRole('button', { name: 'Bewaren voor een open zaak' }).waitFor();
    await console_.waitForSelector('#detail-kept[hidden]', { state: 'attached' });
    expect(await console_.locator('#queue .pill.kept').count()).toBe(0);
    await user.page.screenshot({ path: path.join(SCREENSHOTS, 'staff-takeover-user.png'), fullPage: true });

    expect(staff.cspMessages).toEqual([]);
    expect(staff.pageErrors).toEqual([]);
    expect(staff.externalRequests).toEqual([]);
  });
});
