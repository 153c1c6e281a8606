// The handoff module's public door: modes, the service that changes them, and the observer the bot reports to.
export { HANDOFF_EVENTS, TRANSITIONS, canTransition, nextMode, authorize, transitionPatch, HandoffConflictError, NotHolderError, type HandoffEvent } from './modeMachine.js';
export { HandoffService, ConversationNotFoundError, type HandoffOptions } from './handoffService.js';
export { RecordObserver } from './conversationObserver.js';
export { type HulpwijzerChannelData } from './handoffActivities.js';
export { conversationLocale } from './conversationLocale.js';
export { createHandedOffHook } from './handedOffHook.js';
