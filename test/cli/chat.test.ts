// The `chat` command as a real process with piped input: numbered options, a number picks one, the real analyser, exit 0 at EOF.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/bot/i18n.js';
import { renderForTerminal, resolveInput } from '../../src/cli/chat.js';

const root = join(import.meta.dirname, '../..');

function runChat(lines: string[], args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'chat', ...args], {
    cwd: root,
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli chat (piped)', () => {
  it('walks welcome -> tell (real analyser, safety first) in Dutch and exits 0 at the end of input', () => {
    const t = translator('nl', false);
    const result = runChat(['1', '1', '4', '1', 'Hij heeft gedreigd me dood te maken en hij heeft een mes', '3']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(t('welcome:intro'));
    expect(result.stdout).toContain(`  1) ${t('welcome:safe.yes')}`);
    expect(result.stdout).toContain(t('welcome:role.ack.victim'));
    // The safety answer comes before the reflection of the story.
    const safety = result.stdout.indexOf(t('safety:header'));
    expect(safety).toBeGreaterThan(0);
    expect(result.stdout.slice(safety)).toContain('112');
    expect(safety).toBeLessThan(result.stdout.indexOf(t('tell:confirm.ask')));
    // "3" picked "help right away": routing follows.
    expect(result.stdout).toContain(t('routing:intro_urgent'));
  });

  it('--lang en --simple talks simple English', () => {
    const t = translator('en', true);
    const result = runChat(['2'], ['--lang', 'en', '--simple']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(t('welcome:intro'));
    expect(result.stdout).toContain(t('welcome:safe.unsafe_advice'));
  });

  it.each([[['--lang', 'de']], [['--fast']]])('bad flags %j: exit 2', (args) => {
    const result = runChat([], args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('terminal rendering', () => {
  it('numbers suggested actions and maps a typed number back to the option', () => {
    const shown = renderForTerminal({ text: 'Vraag?', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ja', value: 'Ja' }, { type: 'imBack', title: 'Nee', value: 'Nee' }] } });
    expect(shown.text).toBe('Vraag?\n  1) Ja\n  2) Nee');
    expect(resolveInput('2', shown.options)).toBe('Nee');
    expect(resolveInput('7', shown.options)).toBe('7');
    expect(resolveInput(' hallo ', shown.options)).toBe('hallo');
  });
});
