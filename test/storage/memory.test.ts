// Runs the store contract against the in-memory backend.
import { describeStoreContract } from './storeContract.js';
import { openMemoryStore } from '../../src/storage/memory.js';

describeStoreContract('memory', async ({ now }) => {
  const store = openMemoryStore({ now });
  return { store, dispose: () => store.close() };
});
