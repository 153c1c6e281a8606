// The bundle's stand-ins for packages botbuilder-dialogs loads but hulpwijzer never calls: what is read at load comes without loading the package, anything else loads it once.
import { describe, expect, it } from 'vitest';
import { DEFERRED, deferredModule } from '../../src/build/bundle.js';

/** Runs a stand-in's CommonJS source with a require that records what it loads. */
function standIn(name: string, eager: string | undefined, real: Record<string, unknown>) {
  const loaded: string[] = [];
  const fakeRequire = (id: string) => {
    loaded.push(id);
    if (id === name) return real;
    if (id === '@microsoft/recognizers-text') return { Culture: { Dutch: 'nl-nl' } };
    throw new Error(`unexpected require ${id}`);
  };
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', deferredModule(name, eager))(fakeRequire, module);
  return { exports: module.exports, loaded };
}

describe('deferred packages', () => {
  it('answers __esModule and the eager names without loading the package', () => {
    const name = '@microsoft/recognizers-text-suite';
    const { exports, loaded } = standIn(name, DEFERRED[name]?.eager, { Culture: 'the real one', recognizeNumber: () => 1 });
    expect(exports.__esModule).toBe(true);
    expect((exports.Culture as { Dutch: string }).Dutch).toBe('nl-nl');
    expect(loaded).toEqual(['@microsoft/recognizers-text']);
  });

  it('loads the package once, the first time anything else is read', () => {
    const name = '@microsoft/recognizers-text-date-time';
    const recognizeDateTime = () => [];
    const { exports, loaded } = standIn(name, DEFERRED[name]?.eager, { recognizeDateTime, DateTimeOptions: { None: 0 } });
    expect(loaded).toEqual([]);
    expect(exports.recognizeDateTime).toBe(recognizeDateTime);
    expect('DateTimeOptions' in exports).toBe(true);
    expect(Object.keys(exports)).toEqual(expect.arrayContaining(['recognizeDateTime', 'DateTimeOptions']));
    expect(loaded).toEqual([name]);
  });
});
