// Debian's Chromium through playwright-core, with every request outside the server answered locally (tests stay offline).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** The neutral page every external URL gets in tests (the quick exit's target among them). */
export const NEUTRAL_PAGE = '<!doctype html><html lang="nl"><title>Weer</title><p>Neutrale pagina</p></html>';

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to a host other than the server, in order. */
  externalRequests: string[];
  /** Console messages about the Content Security Policy (blocked scripts, styles, connections). */
  cspMessages: string[];
  /** Uncaught page errors. */
  pageErrors: string[];
}

export async function openPage(browser: Browser, baseUrl: string, viewport = { width: 1200, height: 900 }): Promise<WatchedPage> {
  // No bypassCSP: the page must work under the server's real policy.
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  const origin = new URL(baseUrl).origin;
  const externalRequests: string[] = [];
  const cspMessages: string[] = [];
  const pageErrors: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_PAGE }),
  );
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) {
      externalRequests.push(request.url());
    }
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspMessages.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, externalRequests, cspMessages, pageErrors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core with the WCAG 2.0/2.1 A and AA rules; evaluated through the DevTools protocol, so the page's CSP stays on. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
