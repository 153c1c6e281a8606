// The networks the build trains are read back only when they were trained on exactly the same items; anything else (no file, a broken one, other data) means training again.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_NETWORKS_FILE, builtOrTrainedNetworks, readBuiltNetworks, trainingFingerprint, writeBuiltNetworks } from '../../src/nlu/builtNetworks.js';
import { corpusSplit } from '../../src/nlu/corpus.js';
import { trainNetworks } from '../../src/nlu/model.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hulpwijzer-networks-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// A slice keeps training quick; what is checked does not depend on the size.
const items = corpusSplit('train').slice(0, 300);
/** The same items with one label changed: other data, other networks. */
const relabelled = items.map((item, k) => (k === 7 ? { ...item, role: item.role === 'victim' ? 'bystander' : 'victim' } : item)) as typeof items;

describe('built networks', () => {
  it('reads back exactly the networks training gives, and leaves no partial file behind', () => {
    const dir = tempDir();
    writeBuiltNetworks(items, dir);
    expect(readdirSync(dir)).toEqual([BUILT_NETWORKS_FILE]);
    expect(readBuiltNetworks(items, dir)).toEqual(trainNetworks(items));
  });

  it('names the data and the settings: one changed label or text gives another fingerprint', () => {
    expect(trainingFingerprint(items)).toBe(trainingFingerprint(items.map((item) => ({ ...item }))));
    expect(trainingFingerprint(relabelled)).not.toBe(trainingFingerprint(items));
    const retexted = items.map((item, k) => (k === 0 ? { ...item, text: `${item.text}!` } : item));
    expect(trainingFingerprint(retexted)).not.toBe(trainingFingerprint(items));
  });

  it('ignores networks trained on other data and trains on the data given instead', () => {
    const dir = tempDir();
    writeBuiltNetworks(items, dir);
    expect(readBuiltNetworks(relabelled, dir)).toBeUndefined();
    const used = builtOrTrainedNetworks(relabelled, dir);
    expect(used).toEqual(trainNetworks(relabelled));
    expect(used).not.toEqual(trainNetworks(items));
  });

  it('trains when the file is missing, broken or not networks', () => {
    const dir = tempDir();
    expect(readBuiltNetworks(items, dir)).toBeUndefined();
    const file = path.join(dir, BUILT_NETWORKS_FILE);
    writeFileSync(file, '{"fingerprint": "');
    expect(readBuiltNetworks(items, dir)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ fingerprint: trainingFingerprint(items), networks: { role: {}, profiles: {}, signals: {} } }));
    expect(readBuiltNetworks(items, dir)).toBeUndefined();
    expect(builtOrTrainedNetworks(items, dir)).toEqual(trainNetworks(items));
  });

  it('a file written by the build step holds the fingerprint of what it was trained on', () => {
    const dir = tempDir();
    writeBuiltNetworks(items, dir);
    const saved = JSON.parse(readFileSync(path.join(dir, BUILT_NETWORKS_FILE), 'utf8')) as { fingerprint: string };
    expect(saved.fingerprint).toBe(trainingFingerprint(items));
  });
});
