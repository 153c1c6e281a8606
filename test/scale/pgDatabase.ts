// A throw-away PostgreSQL database per scale test file, so server processes (which use the default schema) never share rows across files.
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL;
export const PG_SKIP_NOTE = DATABASE_URL ? '' : ' [skipped: DATABASE_URL is not set; CI sets it to a PostgreSQL test database]';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/** CREATE DATABASE next to the one in DATABASE_URL (same server and user); drop() removes it, ending its sessions. */
export async function createTestDatabase(label: string, url = DATABASE_URL!): Promise<TestDatabase> {
  const name = `hw_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(url, name),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
