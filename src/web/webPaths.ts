// Finds the files the public page is served from, both when run from src/ (tsx) and from dist/src/ (built).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** src/web itself: tsc does not copy JSON, HTML, CSS or browser JS, so the built server reads them from the source tree. */
function webSourceDir(): string {
  const candidates = [here, path.resolve(here, '..', '..', '..', 'src', 'web')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'public', 'index.html')));
  if (!found) throw new Error(`src/web/public/index.html not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** A file directly under src/web (e.g. pageSettings.json). */
export function webSourceFile(name: string): string {
  return path.join(webSourceDir(), name);
}

/** A file of the page under src/web/public. */
export function publicFile(name: string): string {
  return path.join(webSourceDir(), 'public', name);
}

/**
 * The prebuilt Bot Framework Web Chat bundle. The minimal variant: the bot sends text and
 * suggested actions only, so Adaptive Cards and speech are not needed (half the size).
 */
export function webChatBundleFile(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json; its CommonJS entry lives in lib/, the bundles in dist/.
  const entry = require.resolve('botframework-webchat');
  const file = path.resolve(path.dirname(entry), '..', 'dist', 'webchat-minimal.js');
  if (!existsSync(file)) throw new Error(`Web Chat bundle not found at ${file}`);
  return file;
}
