// The `route` command as a real process: one JSON line on stdout, or one stderr line and exit code 2 on bad input.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function runRoute(stdin: string, args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'route', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectInvalid(result: ReturnType<typeof runRoute>, pattern: RegExp) {
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0]).toMatch(pattern);
}

describe('cli route', () => {
  it('answers the interfaces.md example with 112 first and the Veilig Thuis chat opening next morning', () => {
    const result = runRoute(
      JSON.stringify({ at: '2026-11-25T22:30:00+01:00', role: 'victim', age: 34, gender: 'female', signals: ['threat_to_kill'] }),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(result.stdout.split('\n')).toHaveLength(2);
    const answer = JSON.parse(result.stdout);
    expect(answer.urgent).toBe(true);
    expect(answer.options.slice(0, 2)).toEqual([
      { service: '112', channel: 'phone', contact: '112', openNow: true },
      { service: 'veilig-thuis', channel: 'phone', contact: '0800-2000', openNow: true },
    ]);
    expect(answer.options).toContainEqual({
      service: 'veilig-thuis',
      channel: 'chat',
      contact: 'https://veiligthuis.nl',
      openNow: false,
      opensAt: '2026-11-26T09:00:00+01:00',
    });
  });

  it('routes a child on a Saturday to the open Kindertelefoon first', () => {
    const result = runRoute('{"at":"2026-11-28T11:00:00Z","role":"young_person","age":11}');
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.urgent).toBe(false);
    expect(answer.options[0]).toEqual({ service: 'kindertelefoon', channel: 'phone', contact: '0800-0432', openNow: true });
  });

  it.each([
    ['bad JSON', '{"at": ', /^input: not valid JSON/],
    ['empty stdin', '', /^input: empty/],
    ['missing at', '{"role":"victim"}', /^at: required$/],
    ['at without offset', '{"at":"2026-11-25T22:30:00","role":"victim"}', /^at: expected an ISO 8601 instant with an offset or Z/],
    ['invalid date', '{"at":"2026-13-01T10:00:00Z","role":"victim"}', /^at: not a real date and time$/],
    ['wrong role', '{"at":"2026-11-25T22:30:00Z","role":"neighbour"}', /^role: /],
    ['age -1', '{"at":"2026-11-25T22:30:00Z","role":"victim","age":-1}', /^age: /],
    ['age 7.5', '{"at":"2026-11-25T22:30:00Z","role":"victim","age":7.5}', /^age: expected a whole number/],
    ['age "12"', '{"at":"2026-11-25T22:30:00Z","role":"victim","age":"12"}', /^age: expected a whole number/],
    ['unknown signal', '{"at":"2026-11-25T22:30:00Z","role":"victim","signals":["knife"]}', /^signals\[0\]: /],
    ['unknown field', '{"at":"2026-11-25T22:30:00Z","role":"victim","lang":"nl"}', /^lang: unknown field$/],
  ])('%s -> exit 2 naming the field', (_name, stdin, pattern) => {
    expectInvalid(runRoute(stdin), pattern);
  });

  it('a stray argument -> exit 2', () => {
    expectInvalid(runRoute('{"at":"2026-11-25T22:30:00Z","role":"victim"}', ['--now']), /^route: unexpected argument "--now"$/);
  });
});
