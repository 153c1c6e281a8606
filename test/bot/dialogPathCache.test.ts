// Cached memory-path parses give what botbuilder-dialogs' own parser gives, and never share arrays between callers.
import { DialogContext, DialogSet } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { cacheDialogPaths } from '../../src/bot/dialogPathCache.js';
import { messageTurnContext } from './turnContext.js';

function dialogContext(): DialogContext {
  return new DialogContext(new DialogSet(), messageTurnContext(), { dialogStack: [] });
}

const PATHS = ['turn.activity', 'turn.activity.text', 'dialog.values.x', 'a..b', '.a', 'x.$foo', "turn['quoted key']", 'list[0].name', 'turn.a[turn.key]'];

describe('cacheDialogPaths', () => {
  it.each(PATHS)('parses %s as before, first and later calls alike', (path) => {
    const state = dialogContext().state;
    state.setValue('turn.key', 'k');
    const parse = (p: string, nested?: boolean) => (state as unknown as { parsePath(p: string, n?: boolean): unknown[] }).parsePath(p, nested);
    const before = [parse(path), parse(path, false)];
    cacheDialogPaths();
    for (let i = 0; i < 2; i++) expect([parse(path), parse(path, false)]).toEqual(before);
    const first = parse(path);
    first.push('changed');
    expect(parse(path)).toEqual(before[0]);
  });

  it('still rejects an invalid path', () => {
    cacheDialogPaths();
    const state = dialogContext().state;
    expect(() => state.getValue('turn.a b')).toThrow(/Invalid path/);
    expect(() => state.getValue('turn.a b')).toThrow(/Invalid path/);
  });

  it('keeps memory reads and writes working', () => {
    cacheDialogPaths();
    const state = dialogContext().state;
    state.setValue('turn.answer', 42);
    expect(state.getValue('turn.answer')).toBe(42);
    expect(state.getValue('turn.activity.text')).toBe('hoi');
  });
});
