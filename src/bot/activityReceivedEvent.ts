// botbuilder-dialogs announces every message to the whole dialog stack (activityReceived); this skips it when no dialog listens.
import type { TurnContext } from 'botbuilder';
import { ChoicePrompt, ComponentDialog, Dialog, DialogContainer, Prompt, TextPrompt, type DialogSet } from 'botbuilder-dialogs';

/**
 * The first continueDialog of a turn emits `activityReceived` from the innermost dialog outwards. Building that
 * path costs a DialogContext (and a memory-scope manager) for every level of the stack, built again right after
 * for the continue itself, and a prompt at the bottom runs its recognizer a second time. continueDialog ignores
 * the outcome: the event only matters to a dialog that overrides one of the event hooks below. Ours do not (the
 * interrupts live in MainDialog.onContinueDialog), so when the tree holds only the library's own hooks the event
 * is marked as sent instead of sent. A dialog added later with its own hook turns this off by itself.
 */
type Hooks = { onDialogEvent: unknown; onPreBubbleEvent: unknown; onPostBubbleEvent: unknown; onRecognize?: unknown };

/** A (protected) method as an instance or prototype has it. */
const hook = (target: object, name: keyof Hooks): unknown => (target as Hooks)[name];

const LIBRARY_HOOKS = new Set<unknown>([
  hook(Dialog.prototype, 'onDialogEvent'),
  hook(Dialog.prototype, 'onPreBubbleEvent'),
  hook(Dialog.prototype, 'onPostBubbleEvent'),
  hook(DialogContainer.prototype, 'onDialogEvent'),
  hook(TextPrompt.prototype, 'onPreBubbleEvent'), // returns false
]);

/** Recognizers without side effects: a prompt's onPreBubbleEvent only runs one and reports whether it matched. */
const pureRecognizers = new Set<unknown>([hook(ChoicePrompt.prototype, 'onRecognize')]);

/** Lets a prompt class whose onRecognize only computes (no state, no replies) count as silent. */
export function markRecognizerPure(prompt: abstract new (...args: never[]) => Prompt<unknown>): void {
  pureRecognizers.add(hook(prompt.prototype, 'onRecognize'));
}

function isSilent(dialog: Dialog): boolean {
  if (!LIBRARY_HOOKS.has(hook(dialog, 'onDialogEvent')) || !LIBRARY_HOOKS.has(hook(dialog, 'onPostBubbleEvent'))) return false;
  const preBubble = hook(dialog, 'onPreBubbleEvent');
  if (LIBRARY_HOOKS.has(preBubble)) return true;
  return dialog instanceof Prompt && preBubble === hook(Prompt.prototype, 'onPreBubbleEvent') && pureRecognizers.has(hook(dialog, 'onRecognize'));
}

/** True when no dialog in the set (children of component dialogs included) reacts to activityReceived. */
export function nobodyListensForActivityReceived(dialogs: DialogSet): boolean {
  const seen = new Set<Dialog>();
  const visit = (set: DialogSet): boolean =>
    set.getDialogs().every((dialog) => {
      if (seen.has(dialog)) return true;
      seen.add(dialog);
      if (!isSilent(dialog)) return false;
      return !(dialog instanceof ComponentDialog) || visit(dialog.dialogs);
    });
  return visit(dialogs);
}

/** The private turn-state key DialogContext sets once it has emitted activityReceived (a Symbol of botbuilder-dialogs). */
const EMITTED_KEY_DESCRIPTION = 'ActivityReceivedEmitted';
let emittedKey: symbol | undefined;

/** After a continueDialog: learns the key from the turn state, once per process. */
export function learnActivityReceivedKey(context: TurnContext): void {
  if (emittedKey) return;
  for (const key of context.turnState.keys()) {
    if (typeof key === 'symbol' && key.description === EMITTED_KEY_DESCRIPTION) emittedKey = key;
  }
}

/** Before a continueDialog: marks the event as already sent, once the key is known. */
export function markActivityReceivedSent(context: TurnContext): void {
  if (emittedKey && !context.turnState.has(emittedKey)) context.turnState.set(emittedKey, true);
}
