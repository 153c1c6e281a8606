// Worker-thread entry (started by backgroundTraining.ts): trains the analyser's networks on the corpus train split and posts them, as data, to the thread that started it.
import { parentPort } from 'node:worker_threads';
import { corpusSplit } from './corpus.js';
import { trainNetworks } from './model.js';

// A failure here ends the worker with an 'error' event; the starting thread then trains itself.
parentPort?.postMessage(trainNetworks(corpusSplit('train')));
