// Browser tests of the public chat page against the real server: a whole conversation, the safety interrupt,
// simple mode, the quick exit, accessibility (axe-core), and no trace (no cookies, no localStorage, no third parties).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResources } from '../../src/bot/i18n.js';
import { loadPageSettings } from '../../src/web/pageSettings.js';
import { axeViolations, launchBrowser, openPage, type WatchedPage } from './helpers/browser.js';
import { startServer, type RunningServer } from './helpers/server.js';
import { botTexts, choose, say, startChat, suggestedActions } from './helpers/webChat.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const watched of opened) await watched.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function open(viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const watched = await openPage(browser, server.baseUrl, viewport);
  opened.push(watched);
  await watched.page.goto(`${server.baseUrl}/`);
  await watched.page.waitForFunction(() => !(document.getElementById('hw-start') as HTMLButtonElement).disabled);
  return watched;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

function expectClean(watched: WatchedPage): void {
  expect(watched.externalRequests, 'requests to other hosts').toEqual([]);
  expect(watched.cspMessages, 'Content Security Policy reports').toEqual([]);
  expect(watched.pageErrors, 'uncaught page errors').toEqual([]);
}

async function expectNoTrace(watched: WatchedPage): Promise<void> {
  expect(await watched.context.cookies(), 'cookies').toEqual([]);
  const storage = await watched.page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
  expect(storage.local, 'localStorage').toEqual([]);
  expect(storage.session, 'sessionStorage').toEqual([]);
}

/** Texts whose simple form differs from the standard one, from every bot namespace (the page's own texts excluded). */
function simpleAndStandardTexts(lang: 'nl' | 'en'): { simple: string[]; standard: string[] } {
  const simple: string[] = [];
  const standard: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const entries = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value === 'object') walk(value);
      if (typeof value !== 'string' || !key.endsWith('_simple')) continue;
      const base = entries[key.slice(0, -'_simple'.length)];
      if (typeof base !== 'string' || base === value || value.includes('{{') || base.includes('{{')) continue;
      // Very short texts ("Ja") would match inside longer ones.
      if (value.length < 12 || base.length < 12) continue;
      simple.push(value);
      standard.push(base);
    }
  };
  for (const [ns, tree] of Object.entries(loadResources()[lang] ?? {})) if (ns !== 'web') walk(tree);
  return { simple, standard };
}

/** Picks the answer a user in a safe moment who is a victim and wants to get to the result quickly would pick. */
const PREFERENCES: RegExp[] = [
  /^(ja|yes)\b.*(veilig|safe)|^ja, (het is|ik kan)|^yes, (it is|i can)/i,
  /(ik ben|it is happening to) ?(het )?(slachtoffer|me\b)|^het gebeurt (bij|met) mij|^(mij|me)$|^ik word|^i am (being|the one)/i,
  /stoppen met deze vragen|stop these questions/i,
  /liever niet|rather not|prefer not/i,
  /gewone|standaard|normal|standard/i,
  /^(doorgaan|verder|ga door|ja|yes|continue|go on)\b/i,
  /weet ik niet|don't know|do not know/i,
];

function pick(options: string[]): string | undefined {
  for (const preference of PREFERENCES) {
    const found = options.find((o) => preference.test(o));
    if (found) return found;
  }
  return options[0];
}

/** A route names at least one service with a phone number or opening time. */
const ROUTE = /(Veilig Thuis|Kindertelefoon|Fier|SafeWomen|SAFE)[\s\S]*(0800|\d{1,2}[:.]\d{2}|open)/i;

describe('the chat page', () => {
  it('runs a whole conversation: bot says it is a bot, buttons lead to a result and a route', async () => {
    const watched = await open();
    const { page } = watched;
    await shot(page, 'start-desktop');
    expect(await axeViolations(page), 'axe on the start page').toEqual([]);
    // Nothing is stored or set before the user starts.
    await expectNoTrace(watched);

    const welcome = await startChat(page);
    expect(welcome.join(' ')).toMatch(/\b(bot|chatbot|computer(programma)?)\b/i);

    let routed = false;
    let mentionedStaff = false;
    for (let step = 0; step < 40 && !routed; step++) {
      const options = await suggestedActions(page);
      const answer = options.length > 0 ? await choose(page, pick(options) ?? options[0]) : await say(page, 'Mijn partner scheldt me vaak uit en duwt me soms.');
      const text = answer.join('\n');
      routed = ROUTE.test(text);
      mentionedStaff ||= (await page.locator('.hw-staff').count()) > 0;
    }
    expect(routed, `no route after 40 steps; last messages:\n${(await botTexts(page)).slice(-4).join('\n---\n')}`).toBe(true);
    expect(mentionedStaff, 'no staff label without a staff member').toBe(false);
    await shot(page, 'conversation-desktop');
    expect(await axeViolations(page), 'axe during the conversation').toEqual([]);
    await expectNoTrace(watched);
    expectClean(watched);
  });

  it('answers a message about acute danger with 112 in the very next reply', async () => {
    const watched = await open(PHONE);
    const { page } = watched;
    await startChat(page);
    const reply = await say(page, 'Hij heeft een mes en zegt dat hij me vanavond doodmaakt.');
    expect(reply[0]).toMatch(/112/);
    await shot(page, 'safety-phone');
    expectClean(watched);
  });

  it('switches to simple mode: bigger, friendlier page and the bot answers in simple texts', async () => {
    const watched = await open(PHONE);
    const { page } = watched;
    const { simple, standard } = simpleAndStandardTexts('nl');
    expect(simple.length).toBeGreaterThan(10);

    await page.check('#hw-simple');
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('hw-simple'))).toBe(true);
    const web = loadResources().nl.web as { exit: { hint_simple: string } };
    expect(await page.textContent('#hw-exit-hint')).toBe(web.exit.hint_simple);
    await shot(page, 'start-phone-simple');
    expect(await axeViolations(page), 'axe on the simple start page').toEqual([]);

    await startChat(page);
    // From the first answer on, the bot follows the page's simple switch. Some texts are the same in both
    // forms, so answer until a text whose simple form differs has come, and never a standard-only text.
    const replies: string[] = [];
    for (let step = 0; step < 8 && !simple.some((s) => replies.join('\n').includes(s)); step++) {
      const options = await suggestedActions(page);
      const answer = options.length > 0 ? await choose(page, pick(options) ?? options[0]) : await say(page, 'Ik wil iets vertellen.');
      replies.push(...answer);
    }
    const text = replies.join('\n');
    expect(simple.some((s) => text.includes(s)), `no simple text in:\n${text}`).toBe(true);
    expect(standard.filter((s) => text.includes(s)), `standard texts in simple mode:\n${text}`).toEqual([]);
    await shot(page, 'conversation-phone-simple');
    expect(await axeViolations(page), 'axe during a simple conversation').toEqual([]);
    expectClean(watched);
  });

  it('switches the page to English at once', async () => {
    const watched = await open();
    const { page } = watched;
    await page.check('input[name="lang"][value="en"]');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    const en = loadResources().en.web as { exit: { button: string }; intro: { start: string } };
    expect((await page.textContent('#hw-exit'))?.trim()).toBe(en.exit.button);
    expect((await page.textContent('#hw-start'))?.trim()).toBe(en.intro.start);
    expectClean(watched);
  });
});

describe('quick exit', () => {
  const target = loadPageSettings().quickExitUrl;

  async function expectLeft(page: Page): Promise<void> {
    await page.waitForURL((url) => url.href === target, { timeout: 10_000 });
    expect(await page.textContent('body')).toContain('Neutrale pagina');
    // location.replace: the chat page is no longer in the history, Back leads to the page before it.
    await page.goBack().catch(() => null);
    expect(page.url()).not.toContain(server.baseUrl);
  }

  async function openFromBlank(): Promise<WatchedPage> {
    const watched = await openPage(browser, server.baseUrl, PHONE);
    opened.push(watched);
    await watched.page.goto('about:blank');
    await watched.page.goto(`${server.baseUrl}/`);
    await watched.page.waitForFunction(() => !(document.getElementById('hw-start') as HTMLButtonElement).disabled);
    return watched;
  }

  it('the "Snel weg" button replaces the page during a conversation', async () => {
    const { page } = await openFromBlank();
    await startChat(page);
    await shot(page, 'exit-button-phone');
    await page.click('#hw-exit');
    await expectLeft(page);
  });

  it('Esc pressed three times replaces the page, also while typing in the chat', async () => {
    const { page } = await openFromBlank();
    await startChat(page);
    await page.focus('#hw-webchat [data-id="webchat-sendbox-input"]');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    await expectLeft(page);
  });

  it('Esc pressed twice, or slowly, does not leave', async () => {
    const { page } = await openFromBlank();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(2300);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${server.baseUrl}/`);
  });
});
