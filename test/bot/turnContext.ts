// A plain user message in a TurnContext, for tests of bot parts below the whole bot (state, dialog internals).
import { TestAdapter, TurnContext } from 'botbuilder';

export function messageTurnContext(adapter: TestAdapter = new TestAdapter()): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    text: 'hoi',
    channelId: 'test',
    conversation: { id: 'conv-1' } as never,
    from: { id: 'user-1' } as never,
    recipient: { id: 'bot' } as never,
  });
}
