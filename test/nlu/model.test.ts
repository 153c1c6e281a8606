// The trained networks are nlp.js's own, number for number; training and building the fast classifiers are two steps (so training can run in a worker) that together are trainModels.
import { NeuralNetwork } from '@nlpjs/neural';
import { describe, expect, it } from 'vitest';
import { isCritical } from '../../src/ids.js';
import { corpusSplit, loadCorpus } from '../../src/nlu/corpus.js';
import { modelsFromNetworks, NONE, trainingInputs, TRAINING_SETTINGS, trainModels, trainNetworks } from '../../src/nlu/model.js';
import { normalise } from '../../src/nlu/normalise.js';
import { infosOf } from '../../src/nlu/vocabulary.js';

describe('trainNetworks', () => {
  it('gives exactly the networks nlp.js trains on the feature dictionaries (numbering, weights, biases)', () => {
    // Messages with numbers in them too: JavaScript lists index-like keys ("12") first, and the numbering must follow.
    const train = corpusSplit('train');
    const withDigits = train.filter((item) => /\d/.test(item.text));
    const items = [...train.slice(0, 400), ...withDigits.slice(0, 150)];
    expect(withDigits.length).toBeGreaterThan(20);
    const ours = trainNetworks(items);
    expect(ours.role.features?.some((f) => /^\d+$/.test(f))).toBe(true);

    const inputs = trainingInputs(items);
    const library = (output: (item: (typeof items)[number]) => Record<string, number>) => {
      const net = new NeuralNetwork({ ...TRAINING_SETTINGS });
      net.train(items.flatMap((item, k) => (Object.keys(inputs[k]).length > 0 ? [{ input: inputs[k], output: output(item) }] : [])));
      return net.toJSON();
    };
    const ones = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));
    expect(ours.role).toEqual(library((item) => ({ [item.role ?? NONE]: 1 })));
    expect(ours.profiles).toEqual(library((item) => ones(item.profiles.length > 0 ? item.profiles : [NONE])));
    expect(ours.signals).toEqual(library((item) => ones(item.signals.some(isCritical) ? item.signals.filter(isCritical) : [NONE])));
  });
});

describe('trainNetworks numbering', () => {
  it('numbers the whole train split as nlp.js numbers the feature dictionaries (first appearance, Object.keys order)', () => {
    const items = corpusSplit('train');
    const expected: string[] = [];
    const seen = new Set<string>();
    for (const dict of trainingInputs(items)) {
      for (const key of Object.keys(dict)) {
        if (!seen.has(key)) {
          seen.add(key);
          expected.push(key);
        }
      }
    }
    const ours = trainNetworks(items);
    expect(ours.role.features).toEqual(expected);
    expect(ours.signals.features).toEqual(expected);
  });
});

describe('trainNetworks + modelsFromNetworks', () => {
  it('give trainModels: the same feature space and the same scores for every corpus message', () => {
    const items = corpusSplit('train');
    const direct = trainModels(items);
    // Through structuredClone, as a worker thread posts them.
    const split = modelsFromNetworks(structuredClone(trainNetworks(items)));
    expect(split.space.names).toEqual(direct.space.names);
    let scored = 0;
    for (const item of loadCorpus()) {
      const norm = normalise(item.text);
      const words = norm === '' ? [] : norm.split(' ');
      const ids = direct.space.ids(words, infosOf(words), item.lang);
      expect(split.space.ids(words, infosOf(words), item.lang)).toEqual(ids);
      const role = split.role(ids);
      const profiles = split.profiles(ids);
      const signals = split.signals(ids);
      expect(role).toEqual(direct.role(ids));
      expect(profiles).toEqual(direct.profiles(ids));
      expect(signals).toEqual(direct.signals(ids));
      if ([role, profiles, signals].some((scores) => Object.values(scores).some((v) => v > 0))) scored++;
    }
    // Not vacuous: the networks say something (a class above zero) about most messages.
    expect(scored).toBeGreaterThan(loadCorpus().length / 2);
  });

  it('trainNetworks returns plain data: the JSON round trip changes nothing', () => {
    const networks = trainNetworks(corpusSplit('train').slice(0, 200));
    expect(JSON.parse(JSON.stringify(networks))).toEqual(networks);
    expect(networks.role.intents).toContain('victim');
    expect(networks.signals.perceptrons?.[0]?.length).toBe((networks.signals.features?.length ?? 0) + 1);
  });
});
