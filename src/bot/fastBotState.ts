// ConversationState and UserState with a cheaper change check: plain JSON.stringify instead of botbuilder's replacer-based stringify.
import { ConversationState, UserState, calculateChangeHash, type BotState, type Storage, type TurnContext } from 'botbuilder';
import { attachWriteText, takeReadText, takeWriteText } from '../storage/stateText.js';

/**
 * botbuilder hashes each state three times a turn with a JSON replacer that runs for every key, a hot spot of
 * every turn. Our states are plain JSON (no `_replacer` hooks, no cycles), for which JSON.stringify gives the
 * same text; anything it cannot serialise goes to botbuilder's own function. Like botbuilder's, the hash leaves
 * the eTag out; it is then also exactly the text a store keeps, so the two hand it to each other (stateText.ts)
 * instead of serialising the same object again.
 */
function changeHash(state: Record<string, unknown>): string {
  try {
    if (!Object.hasOwn(state, 'eTag')) return JSON.stringify(state);
    const { eTag: _eTag, ...rest } = state;
    return JSON.stringify(rest);
  } catch {
    return calculateChangeHash(state);
  }
}

interface CachedState {
  state: Record<string, unknown>;
  hash: string;
}

/** The parts of BotState the overrides use; `stateKey` is private in the typings but is the cache's turn-state key. */
interface BotStateInternals {
  storage: Storage;
  storageKey: (context: TurnContext) => string | Promise<string>;
  stateKey: symbol;
}

/** BotState.load with changeHash; same caching in turn state, same result. */
async function load(self: BotState, context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
  const internals = self as unknown as BotStateInternals;
  const cached = context.turnState.get(internals.stateKey) as CachedState | undefined;
  if (!force && cached && cached.state) return cached.state;
  const key = await internals.storageKey(context);
  const items = await internals.storage.read([key]);
  const state = (items[key] as Record<string, unknown> | undefined) ?? {};
  context.turnState.set(internals.stateKey, { state, hash: takeReadText(state) ?? changeHash(state) } satisfies CachedState);
  return state;
}

/** BotState.saveChanges with changeHash: writes (with eTag '*', as botbuilder does) only when something changed. */
async function saveChanges(self: BotState, context: TurnContext, force: boolean): Promise<void> {
  const internals = self as unknown as BotStateInternals;
  let cached = context.turnState.get(internals.stateKey) as CachedState | undefined;
  if (!force && !cached) return;
  const key = await internals.storageKey(context);
  cached ??= { state: {}, hash: '' };
  const hash = changeHash(cached.state);
  if (!force && hash === cached.hash) return;
  const state = cached.state;
  state.eTag = '*';
  // The store may take this text instead of serialising the state again; one that does not leaves it, so forget it after.
  attachWriteText(state, hash);
  try {
    await internals.storage.write({ [key]: state });
  } finally {
    takeWriteText(state);
  }
  cached.hash = hash;
  context.turnState.set(internals.stateKey, cached);
}

/**
 * Loads several states of one turn with a single storage read (one query instead of one per state on PostgreSQL),
 * filling the same turn-state caches load() fills; states already loaded this turn are left alone.
 */
export async function loadTogether(context: TurnContext, states: BotState[]): Promise<void> {
  const wanted: { internals: BotStateInternals; key: string }[] = [];
  for (const state of states) {
    const internals = state as unknown as BotStateInternals;
    if (context.turnState.get(internals.stateKey)) continue;
    wanted.push({ internals, key: await internals.storageKey(context) });
  }
  if (wanted.length === 0) return;
  const storage = wanted[0]!.internals.storage;
  if (wanted.some((w) => w.internals.storage !== storage)) {
    for (const state of states) await state.load(context);
    return;
  }
  const items = await storage.read(wanted.map((w) => w.key));
  for (const { internals, key } of wanted) {
    const state = (items[key] as Record<string, unknown> | undefined) ?? {};
    context.turnState.set(internals.stateKey, { state, hash: takeReadText(state) ?? changeHash(state) } satisfies CachedState);
  }
}

export class FastConversationState extends ConversationState {
  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return load(this, context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveChanges(this, context, force);
  }
}

export class FastUserState extends UserState {
  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return load(this, context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveChanges(this, context, force);
  }
}
