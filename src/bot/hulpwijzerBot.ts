// The ActivityHandler: welcomes new users and runs the main dialog for user messages (staff messages are not for the bot).
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { MAIN_DIALOG, type MainDialog } from '../../dialogs/mainDialog.js';
import { learnActivityReceivedKey, markActivityReceivedSent, nobodyListensForActivityReceived } from './activityReceivedEvent.js';
import type { BotServices } from './botServices.js';
import { isStaffActivity } from './middleware/isStaffActivity.js';

/** The turn-state key botbuilder-dialogs keeps its memory-scope configuration under (DialogStateManager). */
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

export class HulpwijzerBot extends ActivityHandler {
  /**
   * botbuilder-dialogs rebuilds the same stateless memory-scope configuration for every turn (a service container
   * per turn); the first turn's is kept and handed to every later turn.
   */
  private dialogStateConfiguration: unknown;

  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  /** No dialog reacts to botbuilder's activityReceived event, so building its path through the stack is skipped. */
  private readonly skipActivityReceived: boolean;

  constructor(
    conversationState: ConversationState,
    mainDialog: MainDialog,
    private readonly services: BotServices,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(mainDialog);
    this.skipActivityReceived = nobodyListensForActivityReceived(this.dialogs);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await this.runDialog(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      // Staff messages go to the user through the handoff layer; if one reaches the bot it is not for the bot.
      if (!isStaffActivity(context.activity)) await this.runDialog(context);
      await next();
    });
  }

  /** Continues the open dialog, or starts the conversation from the welcome when none is open. */
  private async runDialog(context: TurnContext): Promise<void> {
    if (this.dialogStateConfiguration && !context.turnState.has(DIALOG_STATE_CONFIGURATION)) {
      context.turnState.set(DIALOG_STATE_CONFIGURATION, this.dialogStateConfiguration);
    }
    const dc = await this.dialogs.createContext(context);
    this.dialogStateConfiguration ??= context.turnState.get(DIALOG_STATE_CONFIGURATION);
    if (this.skipActivityReceived) markActivityReceivedSent(context);
    const result = await dc.continueDialog();
    if (this.skipActivityReceived) learnActivityReceivedKey(context);
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }


  /** After a failed turn: forget the dialog stack (not the signals), so the next message starts cleanly. */
  async resetDialogs(context: TurnContext): Promise<void> {
    await this.dialogState.delete(context);
    this.services.logger.warn({ conversationId: context.activity.conversation?.id }, 'dialog stack reset after error');
  }
}
