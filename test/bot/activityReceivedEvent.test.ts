// botbuilder's activityReceived event is skipped only while no dialog listens for it; a prompt then recognizes a message once.
import { ChoicePrompt, ComponentDialog, DialogSet, TextPrompt, WaterfallDialog, type DialogContext, type DialogEvent } from 'botbuilder-dialogs';
import { describe, expect, it, vi } from 'vitest';
import { BestChoicePrompt } from '../../dialogs/shared/choicePrompt.js';
import { nobodyListensForActivityReceived } from '../../src/bot/activityReceivedEvent.js';
import { BotHarness } from './harness.js';

class Listening extends ComponentDialog {
  protected override async onPreBubbleEvent(_dc: DialogContext, event: DialogEvent): Promise<boolean> {
    return event.name === 'activityReceived';
  }
}

class OwnRecognizerPrompt extends ChoicePrompt {
  protected override async onRecognize(): Promise<{ succeeded: boolean }> {
    return { succeeded: false };
  }
}

describe('nobodyListensForActivityReceived', () => {
  it('holds for the library dialogs and prompts whose recognizers only compute', () => {
    const inner = new ComponentDialog('inner').addDialog(new WaterfallDialog('steps', [])).addDialog(new TextPrompt('text')).addDialog(new ChoicePrompt('choice'));
    const outer = new ComponentDialog('outer').addDialog(inner).addDialog(new BestChoicePrompt('best', undefined, 'nl-nl'));
    expect(nobodyListensForActivityReceived(new DialogSet().add(outer))).toBe(true);
    expect(nobodyListensForActivityReceived(new DialogSet())).toBe(true);
  });

  it('fails for a dialog with its own event hook, however deep, and for a prompt with an unmarked recognizer', () => {
    const deep = new ComponentDialog('outer').addDialog(new ComponentDialog('middle').addDialog(new Listening('listening')));
    expect(nobodyListensForActivityReceived(new DialogSet().add(deep))).toBe(false);
    expect(nobodyListensForActivityReceived(new DialogSet().add(new OwnRecognizerPrompt('own')))).toBe(false);
  });
});

describe('a bot turn', () => {
  it('runs the choice recognizer once per pressed button (the event would run it a second time) and still moves on', async () => {
    const harness = new BotHarness();
    const welcome = await harness.start();
    const buttons = welcome.flatMap((r) => r.buttons);
    expect(buttons.length).toBeGreaterThan(0);
    // Installed after the bot was built: the bot decided to skip the event while the recognizer was still the marked one.
    const recognize = vi.spyOn(BestChoicePrompt.prototype as unknown as { onRecognize: () => unknown }, 'onRecognize');
    try {
      const replies = await harness.say(buttons[0]!);
      expect(recognize).toHaveBeenCalledTimes(1);
      expect(replies.length).toBeGreaterThan(0);
    } finally {
      recognize.mockRestore();
    }
  });
});
