// The `texts` command as a real process: one JSON object per language and mode; bad flags exit 2 with one stderr line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/bot/i18n.js';

const root = join(import.meta.dirname, '../..');

function runTexts(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'texts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli texts', () => {
  it('prints every Dutch text under namespace:key, standard forms, no _simple keys', () => {
    const result = runTexts(['--lang', 'nl']);
    expect(result.status).toBe(0);
    const texts = JSON.parse(result.stdout) as Record<string, string>;
    expect(texts['welcome:intro']).toBe(translator('nl', false)('welcome:intro'));
    expect(texts['routing:option.phone']).toContain('{{contact}}');
    expect(Object.keys(texts).some((k) => k.endsWith('_simple'))).toBe(false);
    expect(Object.keys(texts).some((k) => k.startsWith('q_partner_violence:'))).toBe(true);
  });

  it('--simple prints the simple forms under the same keys', () => {
    const standard = JSON.parse(runTexts(['--lang', 'en']).stdout) as Record<string, string>;
    const simple = JSON.parse(runTexts(['--lang', 'en', '--simple']).stdout) as Record<string, string>;
    expect(Object.keys(simple).sort()).toEqual(Object.keys(standard).sort());
    expect(simple['welcome:intro']).toBe(translator('en', true)('welcome:intro'));
    expect(simple['welcome:intro']).not.toBe(standard['welcome:intro']);
  });

  it.each([[['--lang', 'fr']], [[]], [['--lang']], [['--lang', 'nl', '--loud']]])('%j: exit 2, one line on stderr, nothing on stdout', (args) => {
    const result = runTexts(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
