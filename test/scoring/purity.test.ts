// The scoring core stays a pure library: no I/O modules, no bot or web frameworks (architecture.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/scoring');
const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));
const FORBIDDEN = /from\s+['"](node:|fs|path|http|net|child_process|botbuilder|express|i18next|pino|better-sqlite3|pg)/;

describe('src/scoring imports', () => {
  it('has files to check', () => {
    expect(files).toContain('score.ts');
  });

  it.each(files)('%s imports no I/O or framework module', (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    expect(source).not.toMatch(FORBIDDEN);
    expect(source).not.toMatch(/\bprocess\.|\bconsole\./);
  });
});
