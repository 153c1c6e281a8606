// botbuilder-dialogs registers its memory scopes anew for every DialogContext; this makes it register one shared instance.
import registrationModule from 'botbuilder-dialogs/lib/dialogsComponentRegistration.js';

/**
 * Every DialogStateManager (one per DialogContext, about nine a turn) runs
 * `ComponentRegistration.add(new DialogsComponentRegistration())`, and each new registration builds a service
 * collection with all memory scopes and path resolvers (about 6 us here), only to replace an identical one in a
 * map keyed by class name. Handing out one instance for the life of the process gives the registry the same entry
 * without the work. botbuilder-dialogs 4.23.3 is the last release (the SDK is archived), so the module this
 * reaches into does not move.
 */
export function shareDialogsRegistration(): void {
  const exports = registrationModule as { DialogsComponentRegistration: new () => object };
  const Original = exports.DialogsComponentRegistration;
  if ((Original as { shared?: boolean }).shared) return;
  let instance: object | undefined;
  // Called with `new`: a constructor that returns an object hands that object to the caller.
  function DialogsComponentRegistration(): object {
    return (instance ??= new Original());
  }
  DialogsComponentRegistration.prototype = Original.prototype;
  (DialogsComponentRegistration as { shared?: boolean }).shared = true;
  exports.DialogsComponentRegistration = DialogsComponentRegistration as unknown as new () => object;
}
