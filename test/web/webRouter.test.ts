// HTTP tests of the public web router: the page, its assets and texts, no cookies, nothing cached.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createWebRouter } from '../../src/web/index.js';
import { loadPageSettings } from '../../src/web/pageSettings.js';
import { loadWebStrings } from '../../src/web/webStrings.js';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(createWebRouter({ config: loadConfig({ RETENTION_HOURS: '12' }) }));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function pageDataOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="hw-page-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('page data missing');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('GET /', () => {
  it('serves the Dutch chat page with the quick exit, switches and no cookie', async () => {
    const res = await fetch(`${base}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toMatch(/<html lang="nl" dir="ltr">/);
    expect(html).toContain('id="hw-exit"');
    expect(html).toContain('>Snel weg</span>');
    expect(html).toContain('name="lang" value="en"');
    expect(html).toContain('id="hw-simple"');
    // Every placeholder filled; the page data keeps {{hours}} inside texts on purpose (the browser fills it).
    expect(html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '')).not.toMatch(/\{\{[^}]*\}\}/);
    expect(html).toContain('binnen 12 uur'); // retention time from the configuration
  });

  it('loads scripts and styles only from its own origin and has no inline script or style', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const sources = [...html.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^\/web\//);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attributes, body] of scripts) {
      if (body.trim() !== '') expect(attributes).toContain('type="application/json"');
    }
    expect(html).not.toMatch(/<style|\sstyle="/);
  });

  it('gives the browser the quick-exit target, Esc rule and Direct Line path as page data', async () => {
    const data = pageDataOf(await (await fetch(`${base}/`)).text());
    const settings = loadPageSettings();
    expect(data).toMatchObject({
      lang: 'nl',
      quickExitUrl: settings.quickExitUrl,
      escPresses: 3,
      escWindowMs: 2000,
      directLinePath: '/v3/directline',
      vars: { hours: '12' },
    });
    expect((data.strings as Record<string, Record<string, string>>).nl['exit.button']).toBe('Snel weg');
  });
});

describe('assets', () => {
  it.each([
    ['/web/app.js', /javascript/, 'quickExit'],
    ['/web/app.css', /text\/css/, '.hw-exit'],
    ['/web/favicon.svg', /image\/svg\+xml/, '<svg'],
    ['/web/webchat.js', /javascript/, 'renderWebChat'],
  ])('%s is served from our origin, not cached', async (path, type, content) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain(content);
  });

  it('answers 404 for files that are not assets (no directory serving)', async () => {
    for (const path of ['/web/index.html', '/web/..%2Fpackage.json', '/web/pageSettings.json', '/web/locales/xx.json', '/web/locales/nl']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });
});

describe('GET /web/locales/:lang.json', () => {
  it('serves each language with the same keys and a simple form for every text', async () => {
    const nl = (await (await fetch(`${base}/web/locales/nl.json`)).json()) as Record<string, string>;
    const en = (await (await fetch(`${base}/web/locales/en.json`)).json()) as Record<string, string>;
    expect(en['exit.button']).toBe('Leave now');
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl).filter((k) => !k.endsWith('_simple'))) expect(nl, key).toHaveProperty(`${key}_simple`);
  });
});

describe('loadWebStrings', () => {
  const settings = loadPageSettings();
  const text = { exit: { button: 'Snel weg', button_simple: 'Snel weg' } };

  it('stops the start when a text has no simple form', () => {
    const resources = { nl: { web: { exit: { button: 'Snel weg' } } }, en: { web: text } };
    expect(() => loadWebStrings(settings, resources)).toThrow('locales/nl/web.json: exit.button has no exit.button_simple');
  });

  it('stops the start when a language misses a key', () => {
    const resources = { nl: { web: { ...text, extra: { a: 'x', a_simple: 'x' } } }, en: { web: text } };
    expect(() => loadWebStrings(settings, resources)).toThrow('locales/en/web.json: extra.a is missing');
  });

  it('stops the start when a language has no web texts', () => {
    expect(() => loadWebStrings(settings, { nl: { web: text }, en: {} })).toThrow('locales/en/web.json');
  });
});
