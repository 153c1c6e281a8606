// KeyedLock: tasks of one key (turns of one conversation) run one after another; other keys are not held up.
import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../src/keyedLock.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLock', () => {
  it('runs tasks of one key in order, never overlapping', async () => {
    const queue = new KeyedLock();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run('a', task('1', 20)), queue.run('a', task('2', 1)), queue.run('a', task('3', 5))]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys in parallel', async () => {
    const queue = new KeyedLock();
    const log: string[] = [];
    const slow = queue.run('a', async () => {
      await tick(30);
      log.push('a');
    });
    const fast = queue.run('b', async () => {
      log.push('b');
    });
    await Promise.all([slow, fast]);
    expect(log).toEqual(['b', 'a']);
  });

  it('a failing task rejects its own caller but does not block the next one, and idle keys are forgotten', async () => {
    const queue = new KeyedLock();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    await tick(0);
    expect(queue.size).toBe(0);
  });
});
