// The public web door: GET / (the chat page) and its assets, all from our own origin, with no cookies and nothing cached.
import { readFileSync } from 'node:fs';
import express from 'express';
import type { AppContext } from '../appContext.js';
import { LanguageSchema } from '../ids.js';
import { loadPageSettings, type PageSettings } from './pageSettings.js';
import { renderPage } from './renderPage.js';
import { publicFile, webChatBundleFile } from './webPaths.js';
import { loadWebStrings, type WebStrings } from './webStrings.js';

/** URL prefix of the page's assets; everything the page loads lives under it (and under the Direct Line path). */
export const WEB_ASSET_PATH = '/web';

export interface WebRouterOptions {
  settings?: PageSettings;
  strings?: Record<string, WebStrings>;
}

/**
 * Serves the chat page and its files. Everything answers `Cache-Control: no-store` so the
 * browser keeps no copy on disk that would show the visit; no route sets a cookie.
 */
export function createWebRouter(ctx: Pick<AppContext, 'config'>, options: WebRouterOptions = {}): express.Router {
  const settings = options.settings ?? loadPageSettings();
  const strings = options.strings ?? loadWebStrings(settings);
  const template = readFileSync(publicFile('index.html'), 'utf8');
  const vars = { hours: String(ctx.config.RETENTION_HOURS) };
  const lang = settings.defaultLanguage;
  // Rendered once: the page holds no per-request data.
  const page = renderPage({
    template,
    settings,
    lang,
    strings: strings[lang],
    vars,
    localesPath: `${WEB_ASSET_PATH}/locales/`,
  });
  const localeJson = new Map(Object.entries(strings).map(([code, flat]) => [code, JSON.stringify(flat)]));
  const assets: Record<string, { file: string; type: string }> = {
    'app.js': { file: publicFile('app.js'), type: 'text/javascript; charset=utf-8' },
    'app.css': { file: publicFile('app.css'), type: 'text/css; charset=utf-8' },
    'favicon.svg': { file: publicFile('favicon.svg'), type: 'image/svg+xml' },
    'webchat.js': { file: webChatBundleFile(), type: 'text/javascript; charset=utf-8' },
  };

  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/', (_req, res) => {
    res.type('html').send(page);
  });

  router.get(`${WEB_ASSET_PATH}/locales/:file`, (req, res, next) => {
    const match = /^([a-z]{2})\.json$/.exec(req.params.file);
    const code = match ? LanguageSchema.safeParse(match[1]) : undefined;
    const body = code?.success ? localeJson.get(code.data) : undefined;
    if (body === undefined) return next();
    res.type('application/json').send(body);
  });

  router.get(`${WEB_ASSET_PATH}/:name`, (req, res, next) => {
    const asset = Object.hasOwn(assets, req.params.name) ? assets[req.params.name] : undefined;
    if (!asset) return next();
    res.sendFile(asset.file, { headers: { 'Content-Type': asset.type, 'Cache-Control': 'no-store' }, lastModified: false, etag: false }, (error) => {
      if (error) next(error);
    });
  });

  return router;
}
