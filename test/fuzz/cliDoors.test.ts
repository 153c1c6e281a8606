// Fuzzes the CLI doors (score, route, analyse): random JSON, unicode, huge and deeply nested input give a result or exit 2, never a crash.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '../../src/errors.js';
import { parseJson } from '../../src/cli/io.js';
import { PROFILE_IDS, RISK_FACTOR_IDS, ROLES, SIGNAL_IDS } from '../../src/ids.js';
import { getAnalyser } from '../../src/nlu/index.js';
import { parseScoreInput, score } from '../../src/scoring/index.js';
import { parseRouteInput, route } from '../../src/routing/index.js';
import { REPO_ROOT } from '../scale/serverProcess.js';

/** The in-process equivalent of a CLI run: text in, result out, or InvalidInputError (exit 2). Anything else is a bug (exit 1). */
function door(evaluate: (value: unknown) => unknown) {
  return (text: string): 'ok' | 'invalid' => {
    try {
      const output = evaluate(parseJson(text));
      JSON.stringify(output);
      return 'ok';
    } catch (error) {
      if (error instanceof InvalidInputError) {
        expect(error.message.length).toBeGreaterThan(0);
        return 'invalid';
      }
      throw error;
    }
  };
}

const scoreDoor = door((v) => score(parseScoreInput(v)));
const routeDoor = door((v) => route(parseRouteInput(v)));

// Values that stress validators: wrong types, edge numbers, long and odd strings, nesting.
const edgyValue = fc.oneof(
  fc.constantFrom(0, -1, 1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, null, true, false, '', '5', [], {}),
  fc.integer({ min: -1_000, max: 1_000_000 }),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 4 }),
);

const nearValidScore = fc.record(
  {
    partnerViolence: fc.oneof(fc.record({ mildIncidents: edgyValue, severeIncidents: edgyValue }, { requiredKeys: [] }), edgyValue),
    childAbuse: fc.oneof(fc.record({ mildIncidents: edgyValue, severeIncidents: edgyValue }, { requiredKeys: [] }), edgyValue),
    trauma: fc.oneof(fc.record({ parent: edgyValue, child: edgyValue }, { requiredKeys: [] }), edgyValue),
    unsafeAttachment: edgyValue,
    childEmotionalInsecurity: edgyValue,
    riskFactors: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...RISK_FACTOR_IDS), fc.string()), edgyValue, { maxKeys: 20 }), edgyValue),
    extra: edgyValue,
  },
  { requiredKeys: [] },
);

const count = fc.integer({ min: 0, max: 400 });
const validScore = fc.record(
  {
    partnerViolence: fc.record({ mildIncidents: count, severeIncidents: count }),
    childAbuse: fc.record({ mildIncidents: count, severeIncidents: count }),
    trauma: fc.record({ parent: fc.boolean(), child: fc.boolean() }),
    unsafeAttachment: fc.boolean(),
    childEmotionalInsecurity: fc.boolean(),
    riskFactors: fc.dictionary(fc.constantFrom(...RISK_FACTOR_IDS), fc.boolean()),
  },
  { requiredKeys: [] },
);

const nearValidRoute = fc.record(
  {
    at: fc.oneof(
      fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-11-25T22:30:00+01:00', '2026-03-29T02:30:00+02:00', '2026-12-25T10:00:00+01:00', 'tomorrow', '2026-13-45T99:99:99+25:00'),
      edgyValue,
    ),
    role: fc.oneof(fc.constantFrom('victim', 'perpetrator', 'young_person', 'bystander'), edgyValue),
    age: fc.oneof(fc.integer({ min: -5, max: 130 }), edgyValue),
    gender: fc.oneof(fc.constantFrom('female', 'male', 'other'), edgyValue),
    signals: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...SIGNAL_IDS), fc.string()), { maxLength: 8 }), edgyValue),
    staffOnline: edgyValue,
    extra: edgyValue,
  },
  { requiredKeys: [] },
);

const validRoute = fc.record(
  {
    at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00')),
    role: fc.constantFrom('victim', 'perpetrator', 'young_person', 'bystander'),
    age: fc.option(fc.integer({ min: 0, max: 110 }), { nil: undefined }),
    gender: fc.option(fc.constantFrom('female', 'male', 'other'), { nil: undefined }),
    signals: fc.uniqueArray(fc.constantFrom(...SIGNAL_IDS), { maxLength: 4 }),
    staffOnline: fc.boolean(),
  },
  { requiredKeys: ['at', 'role'] },
);

const RUNS = 2_000;

describe('CLI doors in process (fast-check)', () => {
  it('score: random JSON values give a result or invalid input', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => void scoreDoor(JSON.stringify(v))), { numRuns: RUNS });
  });

  it('score: near-valid assessments give a result or invalid input, and valid ones a group range inside 1..5', () => {
    let ok = 0;
    fc.assert(
      fc.property(fc.oneof(nearValidScore, validScore), (v) => {
        if (scoreDoor(JSON.stringify(v)) === 'ok') {
          ok++;
          const result = score(parseScoreInput(v));
          expect(result.groupRange[0]).toBeGreaterThanOrEqual(1);
          expect(result.groupRange[1]).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: RUNS },
    );
    expect(ok).toBeGreaterThan(0); // the generator does reach the valid part of the space
  });

  it('route: near-valid requests give ordered options or invalid input', () => {
    let ok = 0;
    fc.assert(
      fc.property(fc.oneof(nearValidRoute, validRoute), (v) => {
        if (routeDoor(JSON.stringify(v)) === 'ok') ok++;
      }),
      { numRuns: RUNS },
    );
    expect(ok).toBeGreaterThan(0);
  });

  it('score and route: arbitrary text (binary unicode, broken JSON) is invalid input or a result', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        scoreDoor(text);
        routeDoor(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('score and route: deep nesting and huge payloads are invalid input, not a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deepObject = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const huge = JSON.stringify({ riskFactors: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, true])) });
    for (const text of [deep, deepObject, huge]) {
      expect(['ok', 'invalid']).toContain(scoreDoor(text));
      expect(['ok', 'invalid']).toContain(routeDoor(text));
    }
  });
});

// Words the analyser looks for, so random messages often hit its patterns and not only its fallbacks.
const WORDS = ['hij', 'zij', 'slaat', 'mes', 'vermoord', 'schopt', 'kind', 'bang', 'ik', 'mijn', 'partner', 'vader', 'niet', 'nooit', 'he', 'hits', 'knife', 'kill', 'me', 'wurgt', 'dreigt', 'zelfmoord', 'buren', '!!!', '112', 'm3s', 'v3rmoord'];

describe('analyse in process (fast-check)', () => {
  it('answers every text, however odd, with ids from the domain lists, profiles sorted, a known role', async () => {
    const analyser = await getAnalyser();
    const texts = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(' ')),
      fc.constantFrom('', ' ', '\u0000', '\u202e', 'x'.repeat(16_384), 'hij '.repeat(4_000)),
    );
    fc.assert(
      fc.property(texts, fc.constantFrom('nl' as const, 'en' as const), (text, lang) => {
        const result = analyser.analyse(text, lang);
        for (const signal of result.signals) expect(SIGNAL_IDS).toContain(signal);
        expect(new Set(result.signals).size).toBe(result.signals.length);
        for (const profile of result.profiles) {
          expect(PROFILE_IDS).toContain(profile.id);
          expect(Number.isFinite(profile.score)).toBe(true);
        }
        for (let i = 1; i < result.profiles.length; i++) expect(result.profiles[i - 1]!.score).toBeGreaterThanOrEqual(result.profiles[i]!.score);
        if (result.role !== null) expect(ROLES).toContain(result.role);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

/** Runs the real CLI: stdin in, exit code and output back. */
function cli(command: string, input: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', command], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI doors as real processes', () => {
  const payloads: [string, string | Buffer][] = [
    ['empty', ''],
    ['invalid UTF-8 bytes', Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
    ['deeply nested array', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['huge object (5 MB)', JSON.stringify({ text: 'x'.repeat(5_000_000) })],
    ['unicode and NUL', JSON.stringify({ at: '\u0000\u202e🙂', role: 'victim', partnerViolence: { mildIncidents: '\ud800' } })],
  ];

  for (const command of ['score', 'route', 'analyse'] as const) {
    it.each(payloads)(`${command}: %s -> exit 0 or 2, never 1 or a crash`, (_label, input) => {
      const result = cli(command, input);
      expect([0, 2], result.stderr).toContain(result.status);
      if (result.status === 2) {
        expect(result.stdout).toBe('');
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
      }
    }, 60_000);
  }
});
