// Routing stays a pure library (style.md): no bot, web or logging frameworks; only the directory loader touches files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/routing');
const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));
const FRAMEWORKS = /from\s+['"](botbuilder|express|i18next|pino|better-sqlite3|pg|http|net|child_process)/;
/** Reading the data files is the loader's job alone. */
const FILE_IO = /from\s+['"](node:fs|fs|node:path|path)['"]/;

describe('src/routing imports', () => {
  it('has files to check', () => {
    expect(files).toEqual(expect.arrayContaining(['route.ts', 'index.ts', 'serviceDirectory.ts']));
  });

  it.each(files)('%s imports no framework and logs nothing', (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    expect(source).not.toMatch(FRAMEWORKS);
    expect(source).not.toMatch(/\bprocess\.|\bconsole\./);
    if (name !== 'serviceDirectory.ts') expect(source).not.toMatch(FILE_IO);
  });

  it('uses the date-holidays calendar, not a hand-written list of dates', () => {
    for (const name of files) {
      expect(readFileSync(join(dir, name), 'utf8')).not.toMatch(/['"]\d{4}-\d{2}-\d{2}['"]|['"]\d{2}-\d{2}['"]/);
    }
  });
});
