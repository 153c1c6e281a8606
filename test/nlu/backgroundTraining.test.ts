// Training in a worker thread (what `serve` does at start) gives the networks and the analysis that training in the thread gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundTraining, takeBackgroundTraining } from '../../src/nlu/backgroundTraining.js';
import { corpusSplit, loadCorpus } from '../../src/nlu/corpus.js';
import { trainNetworks } from '../../src/nlu/model.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.doUnmock('node:worker_threads');
  vi.resetModules();
});

describe('background training', () => {
  it('hands out nothing when no training was started', async () => {
    expect(await takeBackgroundTraining()).toBeUndefined();
  });

  it('trains in a worker thread exactly the networks trained in this thread, and hands them out once', async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    startBackgroundTraining();
    startBackgroundTraining(); // still one worker
    const fromWorker = await takeBackgroundTraining();
    expect(warn).not.toHaveBeenCalled();
    expect(fromWorker).toEqual(trainNetworks(corpusSplit('train')));
    expect(await takeBackgroundTraining()).toBeUndefined();
  }, 60_000);

  it("getAnalyser takes the worker's networks and analyses every corpus message as in-thread training does", async () => {
    vi.resetModules();
    const background = await import('../../src/nlu/backgroundTraining.js');
    const { getAnalyser } = await import('../../src/nlu/index.js');
    const warn = vi.spyOn(process, 'emitWarning');
    background.startBackgroundTraining();
    const fromWorker = await getAnalyser();
    expect(warn).not.toHaveBeenCalled();
    expect(await background.takeBackgroundTraining()).toBeUndefined(); // taken by getAnalyser

    vi.resetModules();
    const inThread = await (await import('../../src/nlu/index.js')).getAnalyser();
    expect(inThread).not.toBe(fromWorker);
    for (const item of loadCorpus()) expect(fromWorker.analyse(item.text, item.lang), item.text).toEqual(inThread.analyse(item.text, item.lang));
  }, 60_000);

  it('a failing worker costs only time: a coded warning, then the same analyser trained in this thread', async () => {
    vi.resetModules();
    vi.doMock('node:worker_threads', async () => {
      const { EventEmitter } = await import('node:events');
      class FailingWorker extends EventEmitter {
        constructor() {
          super();
          setImmediate(() => {
            this.emit('error', new Error('cannot load the worker'));
            this.emit('exit', 1);
          });
        }
      }
      return { Worker: FailingWorker };
    });
    const background = await import('../../src/nlu/backgroundTraining.js');
    const { getAnalyser } = await import('../../src/nlu/index.js');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    background.startBackgroundTraining();
    const analyser = await getAnalyser();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('cannot load the worker');
    expect(warn.mock.calls[0]?.[1]).toMatchObject({ code: 'HULPWIJZER_TRAINING_WORKER' });
    const result = analyser.analyse('hij heeft gedreigd me dood te maken', 'nl');
    expect(result.signals).toContain('threat_to_kill');
  }, 60_000);
});
