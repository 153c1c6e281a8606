// `npm run build` output: the bundle (dist/bundle/hulpwijzer.js, what `npm start` runs) finds every data file and answers exactly like the TypeScript sources, CLI and server.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, PG_SKIP_NOTE, createTestDatabase } from './pgDatabase.js';
import { DirectLineClient, type DlActivity } from './directLineClient.js';
import { DIST_ENTRY, REPO_ROOT, startServer, type ServerHandle } from './serverProcess.js';
import { nextMessage } from '../bench/screeningScript.js';
import { readBuiltNetworks } from '../../src/nlu/builtNetworks.js';
import { corpusSplit } from '../../src/nlu/corpus.js';
import { trainNetworks } from '../../src/nlu/model.js';

const TSX = ['--import', 'tsx', 'src/cli.ts'];
const dirs: string[] = [];

function cli(entry: string[], args: string[], input = '') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-bundle-'));
  dirs.push(dataDir);
  // Each command gets a fresh SQLite store: CI's DATABASE_URL would share one database across runs (staff names clash).
  const { DATABASE_URL: _shared, ...env } = process.env;
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Both runs give the same exit code, stdout and stderr; returns the bundle's run. */
function same(args: string[], input = '') {
  const fromSources = cli(TSX, args, input);
  const fromBundle = cli([DIST_ENTRY], args, input);
  expect(fromBundle).toEqual(fromSources);
  return fromBundle;
}

beforeAll(() => {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 240_000 });
}, 300_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('built bundle: CLI', () => {
  it('is a handful of files, not the node_modules tree', () => {
    const files = readdirSync(path.join(REPO_ROOT, 'dist', 'bundle')).filter((f) => f.endsWith('.js'));
    expect(files).toContain('hulpwijzer.js');
    expect(files.length).toBeLessThan(60);
  });

  it("holds the analyser's networks, trained on the train split, which the bundle reads instead of training at each start", () => {
    const bundleDir = path.join(REPO_ROOT, 'dist', 'bundle');
    const train = corpusSplit('train');
    expect(readBuiltNetworks(train, bundleDir)).toEqual(trainNetworks(train));
  });

  it('holds botbuilder-core and botbuilder-dialogs once, compiled from their TypeScript sources (no ES2015 lib/ copy)', () => {
    const bundleDir = path.join(REPO_ROOT, 'dist', 'bundle');
    const code = readdirSync(bundleDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(bundleDir, f), 'utf8'))
      .join('\n');
    for (const name of ['botbuilder-core', 'botbuilder-dialogs']) {
      expect(code, name).toContain(`// node_modules/${name}/src/`);
      expect(code, name).not.toContain(`// node_modules/${name}/lib/`);
    }
    expect(code).toContain('sharedDialogsComponentRegistration ??=');
  });

  it('our classes keep their names (error names are logged; the bundle is built without keepNames)', () => {
    const declared = new Set<string>();
    for (const root of ['src', 'dialogs']) {
      for (const file of readdirSync(path.join(REPO_ROOT, root), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue; // .d.ts: other packages' classes
        for (const match of readFileSync(path.join(REPO_ROOT, root, file), 'utf8').matchAll(/export class (\w+)/g)) declared.add(match[1]!);
      }
    }
    const bundleDir = path.dirname(DIST_ENTRY.startsWith('/') ? DIST_ENTRY : path.join(REPO_ROOT, DIST_ENTRY));
    const code = readdirSync(bundleDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(bundleDir, f), 'utf8'))
      .join('\n');
    const renamed = [...declared].filter((name) => !new RegExp(`(var ${name} = class\\b|class ${name}\\b)`).test(code));
    expect(declared.size).toBeGreaterThan(30);
    expect(renamed).toEqual([]);
  });

  it('texts: every locale file found, same strings as the sources (nl, en simple)', () => {
    const nl = same(['texts', '--lang', 'nl']);
    expect(nl.status).toBe(0);
    expect(Object.keys(JSON.parse(nl.stdout)).length).toBeGreaterThan(100);
    expect(same(['texts', '--lang', 'en', '--simple']).status).toBe(0);
  });

  it('chat: questionnaires, synonyms, interrupts and routing data found; the same conversation', () => {
    const result = same(['chat'], ['1', '1', '4', '1', 'Hij heeft gedreigd me dood te maken en hij heeft een mes', '3', ''].join('\n'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('112');
  });

  it('route, analyse and score answer the same', () => {
    const route = same(['route'], JSON.stringify({ at: '2026-12-25T22:30:00+01:00', role: 'victim', age: 34, gender: 'female', signals: ['threat_to_kill'] }));
    expect(route.status).toBe(0);
    expect(same(['analyse'], '{"text":"mijn vader slaat me"}\n').status).toBe(0);
    expect(same(['score'], '{"partnerViolence":{"mildIncidents":22,"severeIncidents":0}}').status).toBe(0);
    expect(same(['score'], '{"partnerViolence": ').status).toBe(2);
  });

  it('staff add opens the store (native SQLite driver, migrations) and creates the account', () => {
    const result = same(['staff', 'add', 'anna'], 'correct horse battery staple 42\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('built bundle: server', () => {
  const servers: ServerHandle[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  const botTexts = (replies: DlActivity[]) => replies.map((r) => r.text ?? '').join('\n---\n');
  async function script(url: string): Promise<string[]> {
    const client = await DirectLineClient.start(url);
    await client.connect();
    let replies = await client.waitForWelcome();
    const texts = [botTexts(replies)];
    for (let turn = 0; turn < 20; turn++) {
      const result = await client.turn(nextMessage(turn, replies));
      replies = result.replies;
      texts.push(botTexts(result.replies));
    }
    client.close();
    return texts;
  }

  it('serves /healthz, the page, its assets and the staff console, and talks like the sources', async () => {
    const env = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-bundle-'));
      dirs.push(dir);
      return { DATA_DIR: dir, RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' };
    };
    const bundled = await startServer({ runtime: 'dist', env: env() });
    servers.push(bundled);
    const sources = await startServer({ runtime: 'tsx', env: env() });
    servers.push(sources);

    expect((await fetch(`${bundled.url}/healthz`)).status).toBe(200);
    for (const [route, type] of [['/', 'text/html'], ['/web/app.js', 'javascript'], ['/web/webchat.js', 'javascript'], ['/web/app.css', 'text/css'], ['/staff/', 'text/html']]) {
      const [a, b] = await Promise.all([fetch(bundled.url + route), fetch(sources.url + route)]);
      expect(a.status, route).toBe(200);
      expect(a.headers.get('content-type'), route).toContain(type);
      // The page carries a per-request nonce; everything else must be byte-identical.
      const strip = (s: string) => s.replace(/nonce-[A-Za-z0-9+/=]+|nonce="[^"]*"/g, '');
      expect(strip(await a.text()), route).toBe(strip(await b.text()));
    }
    const [fromBundle, fromSources] = await Promise.all([script(bundled.url), script(sources.url)]);
    expect(fromBundle).toEqual(fromSources);
    expect(fromBundle.join('').length).toBeGreaterThan(200);
    // Both trained the analyser in a worker thread (dist/src/nlu/trainWorker.js resp. the TypeScript through tsx), not as the fallback.
    expect(bundled.output()).not.toContain('HULPWIJZER_TRAINING_WORKER');
    expect(sources.output()).not.toContain('HULPWIJZER_TRAINING_WORKER');
  }, 120_000);
});

describe.skipIf(!DATABASE_URL)(`built bundle: PostgreSQL${PG_SKIP_NOTE}`, () => {
  it('starts on DATABASE_URL (the PostgreSQL store is a chunk of its own) and answers a turn', async () => {
    const db = await createTestDatabase('bundle');
    const server = await startServer({ runtime: 'dist', env: { DATABASE_URL: db.url, RATE_LIMIT_MESSAGES: '0', RATE_LIMIT_STARTS: '0' } });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const client = await DirectLineClient.start(server.url);
      await client.connect();
      await client.waitFor((a) => a.from?.role === 'bot');
      const turn = await client.turn({ text: 'hoi' });
      expect(turn.replies.length).toBeGreaterThan(0);
      client.close();
    } finally {
      await server.stop();
      await db.drop();
    }
  }, 90_000);
});
