// The `analyse` command as a real process: JSON Lines in, one line out per input line, exit 2 and no stdout on bad input.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS, ROLES, SIGNAL_IDS } from '../../src/ids.js';

const root = join(import.meta.dirname, '../..');

function runAnalyse(stdin: string, args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'analyse', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectInvalid(result: ReturnType<typeof runAnalyse>, pattern: RegExp) {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0]).toMatch(pattern);
}

describe('cli analyse', () => {
  it('answers every line in order, skipping blank lines', () => {
    const input = [
      JSON.stringify({ text: 'papa slaat mama' }),
      '',
      JSON.stringify({ text: 'he said he would kill me', lang: 'en' }),
      '   ',
      JSON.stringify({ text: 'ik ben doodmoe vandaag', lang: 'nl' }),
    ].join('\n');
    const result = runAnalyse(`${input}\r\n`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['profiles', 'role', 'signals']);
      for (const s of line.signals) expect(SIGNAL_IDS).toContain(s);
      for (const p of line.profiles) expect(PROFILE_IDS).toContain(p.id);
      expect(line.role === null || ROLES.includes(line.role)).toBe(true);
    }
    expect(lines[0].signals).toContain('child_witness');
    expect(lines[1].signals).toContain('threat_to_kill');
    expect(lines[2]).toEqual({ signals: [], profiles: [], role: null });
  });

  it('prints nothing for empty input', () => {
    const result = runAnalyse('\n\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('rejects bad JSON on line 2 with nothing on stdout, even though line 1 was fine', () => {
    expectInvalid(runAnalyse(`${JSON.stringify({ text: 'hallo' })}\n{"text": "oops"\n`), /^line 2: not valid JSON/);
  });

  it('rejects an unknown language', () => {
    expectInvalid(runAnalyse(`${JSON.stringify({ text: 'hallo', lang: 'de' })}\n`), /^line 1: lang: /);
  });

  it('rejects text that is not a string', () => {
    expectInvalid(runAnalyse(`${JSON.stringify({ text: 'ok' })}\n\n${JSON.stringify({ text: 42 })}\n`), /^line 3: text: /);
  });

  it('rejects unknown fields and non-objects', () => {
    expectInvalid(runAnalyse(`${JSON.stringify({ text: 'ok', user: 'x' })}\n`), /^line 1: user: unknown field/);
    expectInvalid(runAnalyse('["text"]\n'), /^line 1: \(root\): /);
    expectInvalid(runAnalyse('{}\n'), /^line 1: text: /);
  });
});
