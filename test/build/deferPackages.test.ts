// The bundle's stand-ins for packages botbuilder-dialogs loads but hulpwijzer never calls: what is read at load comes without loading the package, anything else loads it once.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFERRED, deferredModule } from '../../src/build/bundle.js';

/** Runs a stand-in's CommonJS source with a require that records what it loads. */
function standIn(name: string, real: Record<string, unknown>) {
  const loaded: string[] = [];
  const fakeRequire = (id: string) => {
    loaded.push(id);
    if (id === name) return real;
    if (id === '@microsoft/recognizers-text') return { Culture: { Dutch: 'nl-nl' } };
    throw new Error(`unexpected require ${id}`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const entry = DEFERRED[name];
  new Function('require', 'module', deferredModule(name, entry?.esModule ?? false, entry?.eager))(fakeRequire, module);
  return { exports: module.exports, loaded };
}

describe('deferred packages', () => {
  it('answers __esModule and the eager names without loading the package', () => {
    const name = '@microsoft/recognizers-text-suite';
    const { exports, loaded } = standIn(name, { Culture: 'the real one', recognizeNumber: () => 1 });
    expect(exports.__esModule).toBe(true);
    expect((exports.Culture as { Dutch: string }).Dutch).toBe('nl-nl');
    expect(loaded).toEqual(['@microsoft/recognizers-text']);
  });

  it('loads the package once, the first time anything else is read', () => {
    const name = '@microsoft/recognizers-text-date-time';
    const recognizeDateTime = () => [];
    const { exports, loaded } = standIn(name, { recognizeDateTime, DateTimeOptions: { None: 0 } });
    expect(loaded).toEqual([]);
    expect(exports.recognizeDateTime).toBe(recognizeDateTime);
    expect('DateTimeOptions' in exports).toBe(true);
    expect(loaded).toEqual([name]);
  });

  it("survives esbuild's wrapper for an import of CommonJS: listing keys loads nothing, a name read later loads the package", () => {
    const name = '@microsoft/recognizers-text-number';
    const recognizeNumber = () => [];
    const { exports, loaded } = standIn(name, { recognizeNumber, NumberRecognizer: class {} });
    // What esbuild's __toESM does at load: an object on the module's prototype, with a getter per listed key.
    const namespace = Object.create(Object.getPrototypeOf(exports)) as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(exports)) Object.defineProperty(namespace, key, { get: () => exports[key], enumerable: true });
    expect(Object.keys(exports)).toEqual(['__esModule']);
    expect(namespace.__esModule).toBe(true);
    expect(loaded).toEqual([]);
    expect(namespace.recognizeNumber).toBe(recognizeNumber);
    expect('NumberRecognizer' in namespace).toBe(true);
    expect(loaded).toEqual([name]);
  });

  it.each(Object.keys(DEFERRED))('%s: a plain object whose __esModule flag the stand-in repeats', (name) => {
    const real = createRequire(import.meta.url)(name) as { __esModule?: boolean };
    expect(typeof real).toBe('object');
    expect(DEFERRED[name]?.esModule).toBe(!!real.__esModule);
    const { exports, loaded } = standIn(name, {});
    expect(exports.__esModule).toBe(!!real.__esModule);
    expect(loaded).not.toContain(name);
  });
});
