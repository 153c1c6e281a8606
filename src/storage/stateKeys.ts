// Finds the conversation a botbuilder state key belongs to, so retention can delete a conversation's bot state with it.

/**
 * The user id the Direct Line facade gives the person in a conversation. It is derived from the
 * conversation id on purpose: user state then lives and dies with the conversation, and nothing
 * links two conversations of the same person.
 */
export function userIdForConversation(conversationId: string): string {
  return `user-${conversationId}`;
}

const CONVERSATION_KEY = /(?:^|\/)conversations\/([^/]+)(?:\/|$)/;
const USER_KEY = /(?:^|\/)users\/user-([^/]+)(?:\/|$)/;

/**
 * botbuilder keys look like `directline/conversations/<id>/` (ConversationState),
 * `directline/conversations/<id>/users/<user>/` (PrivateConversationState) and
 * `directline/users/<user>/` (UserState). Returns null for keys of no conversation.
 */
export function conversationIdOfStateKey(key: string): string | null {
  const conversation = CONVERSATION_KEY.exec(key);
  if (conversation?.[1]) return conversation[1];
  const user = USER_KEY.exec(key);
  return user?.[1] ?? null;
}
