// Asks the open question again after an interrupt, also for question loops that are plain waterfalls without a prompt.
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';

/** Counts what the bot sends while `work` runs, so a silent reprompt can be detected. */
async function sentDuring(context: TurnContext, work: () => Promise<void>): Promise<number> {
  let sent = 0;
  let active = true;
  context.onSendActivities(async (_ctx, activities, next) => {
    if (active) sent += activities.length;
    return next();
  });
  try {
    await work();
  } finally {
    active = false;
  }
  return sent;
}

/** The innermost dialog context: the one whose active dialog is the question being answered. */
export function leafContext(dc: DialogContext): DialogContext {
  let current = dc;
  while (current.child) current = current.child;
  return current;
}

/**
 * Prompts re-send themselves on reprompt. A waterfall that asks in its first step and waits (the questionnaire loop)
 * has no reprompt of its own; restarting it with the options it was begun with asks the same question again.
 */
export async function repromptOpenQuestion(dc: DialogContext): Promise<void> {
  const sent = await sentDuring(dc.context, () => dc.repromptDialog());
  if (sent > 0) return;
  const leaf = leafContext(dc);
  const instance = leaf.activeDialog;
  const options = (instance?.state as { options?: unknown } | undefined)?.options;
  if (instance && options !== undefined) await leaf.replaceDialog(instance.id, options as object);
}
