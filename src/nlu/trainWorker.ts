// Worker-thread entry (started by backgroundTraining.ts): posts the analyser's networks, as data, to the thread that started it: the ones the build trained on this corpus (builtNetworks.ts), else trained here on the train split.
import { parentPort } from 'node:worker_threads';
import { builtOrTrainedNetworks } from './builtNetworks.js';
import { corpusSplit } from './corpus.js';

// A failure here ends the worker with an 'error' event; the starting thread then trains itself.
// Bundled, this file lies beside the build's networks.json; running the sources, there is none and it trains.
parentPort?.postMessage(builtOrTrainedNetworks(corpusSplit('train'), import.meta.dirname));
