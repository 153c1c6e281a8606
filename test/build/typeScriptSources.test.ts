// The bundle compiles botbuilder-core and botbuilder-dialogs from the TypeScript sources they ship: every import maps to its source file, and the one source patch applies exactly once.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FROM_TYPESCRIPT_SOURCES, SHARED_REGISTRATION, shareDialogsRegistration, typeScriptSourceOf } from '../../src/build/bundle.js';

const require = createRequire(import.meta.url);
const rootOf = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

describe('botbuilder from its TypeScript sources', () => {
  it('maps the package and its lib/ files to the sources of the same release', () => {
    for (const name of FROM_TYPESCRIPT_SOURCES) {
      const root = rootOf(name);
      expect(typeScriptSourceOf(name, root)).toBe(path.join(root, 'src', 'index.ts'));
      expect(existsSync(typeScriptSourceOf(name, root)), name).toBe(true);
      // Every file of lib/ has its source: a deep import from another package resolves as well.
      const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; main: string };
      expect(existsSync(typeScriptSourceOf(`${name}/${manifest.main.replace(/^\.\//, '')}`, root)), name).toBe(true);
    }
    const dialogs = rootOf('botbuilder-dialogs');
    expect(typeScriptSourceOf('botbuilder-dialogs/lib/memory/dialogStateManager.js', dialogs)).toBe(path.join(dialogs, 'src', 'memory', 'dialogStateManager.ts'));
  });

  it('shares one DialogsComponentRegistration: the real source changes in exactly one place', () => {
    const file = path.join(path.dirname(rootOf('botbuilder-dialogs')), SHARED_REGISTRATION.file);
    const source = readFileSync(file, 'utf8');
    const patched = shareDialogsRegistration(source);
    expect(patched).not.toContain(SHARED_REGISTRATION.from);
    expect(patched.split(SHARED_REGISTRATION.to)).toHaveLength(2);
    expect(patched.startsWith(SHARED_REGISTRATION.declaration)).toBe(true);
    // Everything else is the source as it was.
    expect(patched.slice(SHARED_REGISTRATION.declaration.length).replace(SHARED_REGISTRATION.to, SHARED_REGISTRATION.from)).toBe(source);
  });

  it('fails the build when the line to patch is missing or there twice', () => {
    expect(() => shareDialogsRegistration('class DialogStateManager {}')).toThrow(/found it 0 times/);
    expect(() => shareDialogsRegistration(`${SHARED_REGISTRATION.from}\n${SHARED_REGISTRATION.from}`)).toThrow(/found it 2 times/);
  });
});
