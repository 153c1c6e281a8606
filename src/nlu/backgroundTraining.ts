// Trains the analyser's networks in a worker thread, so `serve` loads its modules on one core while the networks train on the other.
// Imports nothing heavy: the CLI starts it before loading the server's code; getAnalyser() takes the result.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainedNetworks } from './model.js';

let started: Promise<TrainedNetworks> | undefined;

/**
 * The worker's file next to the file actually running: compiled, that is the bundled worker beside the bundle's chunks
 * (src/build/bundle.ts) or the tsc output beside this one; running the TypeScript (tsx, vitest), it is the source,
 * which a worker thread can only load after registering tsx itself (Node 20 does not hand the parent's loader on).
 */
function createWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(path.join(import.meta.dirname, 'trainWorker.js'));
  const entry = JSON.stringify(new URL('./trainWorker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`, { eval: true });
}

function isNetworks(value: unknown): value is TrainedNetworks {
  const v = value as Partial<Record<keyof TrainedNetworks, { perceptrons?: unknown }>> | null;
  return !!v && (['role', 'profiles', 'signals'] as const).every((k) => Array.isArray(v[k]?.perceptrons));
}

/** Starts training in a worker thread; a second call before the result is taken does nothing. Never throws. */
export function startBackgroundTraining(): void {
  started ??= new Promise<TrainedNetworks>((resolve, reject) => {
    const worker = createWorker();
    worker.once('message', (message: unknown) => {
      if (isNetworks(message)) resolve(message);
      else reject(new Error('unexpected message'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`exited with code ${code} before posting a result`)));
  });
  // Nobody may be waiting yet; a failure is reported when the result is taken.
  started.catch(() => undefined);
}

/**
 * The networks from startBackgroundTraining(), handed out once (so they are not kept after use). Undefined when no
 * training was started, and also when the worker failed: that costs start-up time, not correctness (the caller
 * trains in its own thread), so it is a process warning with a code rather than an error.
 */
export async function takeBackgroundTraining(): Promise<TrainedNetworks | undefined> {
  const result = started;
  started = undefined;
  try {
    return await result;
  } catch (error) {
    // The worker's own error: a module path or a stack, never user input (there is none at start-up).
    process.emitWarning(`training worker failed, training in the main thread instead: ${(error as Error)?.message ?? String(error)}`, { code: 'HULPWIJZER_TRAINING_WORKER' });
    return undefined;
  }
}
