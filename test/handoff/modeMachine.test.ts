// Every (mode, event) pair of the handoff state machine: allowed ones go where the table says, all others are refused with 409.
import { describe, expect, it } from 'vitest';
import { HANDOFF_EVENTS, HandoffConflictError, NotHolderError, authorize, nextMode, transitionPatch, type HandoffEvent } from '../../src/handoff/index.js';
import { CONVERSATION_MODES, type ConversationMode, type ConversationRecord } from '../../src/storage/store.js';

const ALLOWED: Array<[ConversationMode, HandoffEvent, ConversationMode]> = [
  ['bot', 'request', 'queued'],
  ['bot', 'watch', 'monitor'],
  ['monitor', 'unwatch', 'bot'],
  ['queued', 'claim', 'agent'],
  ['monitor', 'claim', 'agent'],
  ['agent', 'release', 'bot'],
  ['queued', 'cancel', 'bot'],
  ['queued', 'timeout', 'bot'],
  ['queued', 'no_staff', 'bot'],
  ['bot', 'close', 'bot'],
  ['queued', 'close', 'bot'],
  ['agent', 'close', 'bot'],
  ['monitor', 'close', 'bot'],
];

const allowedKey = new Set(ALLOWED.map(([from, event]) => `${from}:${event}`));
const FORBIDDEN = CONVERSATION_MODES.flatMap((mode) => HANDOFF_EVENTS.map((event) => [mode, event] as const)).filter(([m, e]) => !allowedKey.has(`${m}:${e}`));

function record(mode: ConversationMode, assignedTo: string | null = null): ConversationRecord {
  return { id: 'c1', createdAt: 0, updatedAt: 0, mode, urgent: false, signals: [], waitingSince: mode === 'queued' ? 5 : null, assignedTo, summary: null, keep: false, version: 3 };
}

describe('handoff mode machine', () => {
  it('covers all 36 pairs: 13 allowed, 23 forbidden', () => {
    expect(ALLOWED).toHaveLength(13);
    expect(FORBIDDEN).toHaveLength(CONVERSATION_MODES.length * HANDOFF_EVENTS.length - 13);
  });

  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(nextMode(record(from), event)).toBe(to);
  });

  it.each(FORBIDDEN)('%s refuses %s with 409', (from, event) => {
    let caught: unknown;
    try {
      nextMode(record(from, 'anna'), event);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HandoffConflictError);
    expect((caught as HandoffConflictError).status).toBe(409);
  });

  it('a second claim on a taken conversation says who has it', () => {
    expect(() => nextMode(record('agent', 'anna'), 'claim')).toThrow(/already taken over by anna/);
  });

  it('only the holder hands back, closes an agent conversation or stops watching', () => {
    expect(() => authorize(record('agent', 'anna'), 'release', 'bram')).toThrow(NotHolderError);
    expect(() => authorize(record('agent', 'anna'), 'close', 'bram')).toThrow(NotHolderError);
    expect(() => authorize(record('monitor', 'anna'), 'unwatch', 'bram')).toThrow(NotHolderError);
    expect(() => authorize(record('agent', 'anna'), 'release', 'anna')).not.toThrow();
    // Anyone may take over from a watcher, and close a queued conversation.
    expect(() => authorize(record('monitor', 'anna'), 'claim', 'bram')).not.toThrow();
    expect(() => authorize(record('queued'), 'close', 'bram')).not.toThrow();
  });

  it('staff events need a staff member; the user and the system cannot claim', () => {
    expect(() => authorize(record('queued'), 'claim', null)).toThrow(NotHolderError);
    expect(() => authorize(record('queued'), 'cancel', null)).not.toThrow();
  });

  it('patches: request starts the wait, claim assigns and ends it, release clears both', () => {
    expect(transitionPatch(record('bot'), 'request', null, 100)).toEqual({ mode: 'queued', updatedAt: 100, waitingSince: 100, assignedTo: null });
    expect(transitionPatch(record('queued'), 'claim', 'anna', 200)).toEqual({ mode: 'agent', updatedAt: 200, waitingSince: null, assignedTo: 'anna' });
    expect(transitionPatch(record('bot'), 'watch', 'anna', 250)).toEqual({ mode: 'monitor', updatedAt: 250, waitingSince: null, assignedTo: 'anna' });
    expect(transitionPatch(record('agent', 'anna'), 'release', 'anna', 300)).toEqual({ mode: 'bot', updatedAt: 300, waitingSince: null, assignedTo: null });
  });
});
