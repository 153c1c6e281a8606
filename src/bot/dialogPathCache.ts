// botbuilder-dialogs parses the same memory paths ('turn.activity', ...) character by character many times a turn; this keeps the parses.
import { DialogStateManager } from 'botbuilder-dialogs';

/** Distinct paths kept; the dialogs use a few dozen, so the limit only guards against paths built from data. */
const MAX_PATHS = 1_000;

type Segments = (string | number)[];
type ParsePath = (this: DialogStateManager, pathExpression: string, allowNestedPaths?: boolean) => Segments;

/**
 * DialogStateManager.parsePath is a pure function of its arguments unless the path holds a bracketed expression
 * (`a[b.c]` reads memory); every DialogContext runs it several times for the same few paths (setValue of
 * 'turn.activity' alone parses twice and reads the change tracker). Paths without brackets are parsed once;
 * each caller gets its own copy of the segments, as before.
 */
export function cacheDialogPaths(): void {
  const prototype = DialogStateManager.prototype as unknown as { parsePath: ParsePath & { cached?: boolean } };
  const original = prototype.parsePath;
  if (original.cached) return;
  const parsed = new Map<string, Segments>();
  const parsePath: ParsePath & { cached?: boolean } = function (this: DialogStateManager, pathExpression, allowNestedPaths = true) {
    if (typeof pathExpression !== 'string' || pathExpression.includes('[')) return original.call(this, pathExpression, allowNestedPaths);
    const key = `${allowNestedPaths ? 1 : 0}${pathExpression}`;
    let segments = parsed.get(key);
    if (segments === undefined) {
      segments = original.call(this, pathExpression, allowNestedPaths);
      if (parsed.size < MAX_PATHS) parsed.set(key, segments.slice());
      return segments;
    }
    return segments.slice();
  };
  parsePath.cached = true;
  prototype.parsePath = parsePath;
}
