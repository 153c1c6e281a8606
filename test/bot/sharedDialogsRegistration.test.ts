// botbuilder-dialogs' per-DialogContext registration is one shared instance, and dialogs still find their memory scopes.
import { ComponentRegistration } from 'botbuilder';
import { DialogContext, DialogSet } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { shareDialogsRegistration } from '../../src/bot/sharedDialogsRegistration.js';
import { messageTurnContext } from './turnContext.js';

const registration = () => ComponentRegistration.components.find((c) => c.constructor.name === 'DialogsComponentRegistration');

describe('shareDialogsRegistration', () => {
  it('registers one instance for every DialogContext, with the memory scopes dialogs need', () => {
    shareDialogsRegistration();
    shareDialogsRegistration(); // idempotent
    const dialogs = new DialogSet();
    const first = new DialogContext(dialogs, messageTurnContext(), { dialogStack: [] });
    const registered = registration();
    new DialogContext(dialogs, messageTurnContext(), { dialogStack: [] });
    expect(registration()).toBe(registered);
    const scopes = (registered as unknown as { getMemoryScopes(): { name: string }[] }).getMemoryScopes().map((s) => s.name);
    expect(scopes).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation', 'user', 'settings', 'this', 'class']));
    // Memory works through the shared registration: turn scope set by the context, read back by path.
    first.state.setValue('turn.answer', 42);
    expect(first.state.getValue('turn.answer')).toBe(42);
    expect(first.state.getValue('turn.activity.text')).toBe('hoi');
  });
});
