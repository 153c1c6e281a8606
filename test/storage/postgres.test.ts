// Runs the store contract against PostgreSQL, each test in a schema of its own.
import { describe } from 'vitest';
import { describeStoreContract } from './storeContract.js';
import { DATABASE_URL, PG_SKIP_NOTE, dropSchema, openTestStore, uniqueSchema } from './postgresSupport.js';

describe.skipIf(!DATABASE_URL)(`postgres store${PG_SKIP_NOTE}`, () => {
  describeStoreContract('postgres', async ({ now }) => {
    const schema = uniqueSchema('contract');
    let store = await openTestStore(schema, { now });
    return {
      get store() {
        return store;
      },
      reopen: async () => {
        await store.close();
        store = await openTestStore(schema, { now });
        return store;
      },
      dispose: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
});
