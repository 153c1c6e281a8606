// The `score` command as a real process: stdout JSON, one stderr line and exit code 2 on bad input.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function runScore(stdin: string, args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'score', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectInvalid(result: ReturnType<typeof runScore>, pattern: RegExp) {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0]).toMatch(pattern);
}

describe('cli score', () => {
  it('scores a valid assessment and prints one JSON line', () => {
    const result = runScore(JSON.stringify({ partnerViolence: { mildIncidents: 22, severeIncidents: 0 }, trauma: { parent: true } }));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      partnerViolence: 'severe',
      childAbuse: null,
      trauma: true,
      riskFactorCount: 0,
      riskCumulation: null,
      group: 5,
      groupRange: [5, 5],
    });
  });

  it('bad JSON -> exit 2', () => {
    expectInvalid(runScore('{"partnerViolence": '), /^input: not valid JSON/);
  });

  it('empty stdin -> exit 2', () => {
    expectInvalid(runScore(''), /^input: empty/);
  });

  it('a wrong type -> exit 2 naming the field', () => {
    expectInvalid(runScore('{"childAbuse":{"mildIncidents":"two"}}'), /^childAbuse\.mildIncidents: .*number/);
  });

  it('an unknown risk factor -> exit 2 naming it', () => {
    expectInvalid(runScore('{"riskFactors":{"poverty":true,"foo":true}}'), /^riskFactors\.foo: unknown field$/);
  });

  it('a stray argument -> exit 2', () => {
    expectInvalid(runScore('{}', ['--verbose']), /^score: unexpected argument/);
  });
});
