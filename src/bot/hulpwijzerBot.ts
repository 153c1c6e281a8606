// The ActivityHandler: welcomes new users and runs the main dialog for user messages (staff messages are not for the bot).
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { MAIN_DIALOG, type MainDialog } from '../../dialogs/mainDialog.js';
import type { BotServices } from './botServices.js';
import { isStaffActivity } from './middleware/isStaffActivity.js';

export class HulpwijzerBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(
    conversationState: ConversationState,
    mainDialog: MainDialog,
    private readonly services: BotServices,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(mainDialog);

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
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }


  /** After a failed turn: forget the dialog stack (not the signals), so the next message starts cleanly. */
  async resetDialogs(context: TurnContext): Promise<void> {
    await this.dialogState.delete(context);
    this.services.logger.warn({ conversationId: context.activity.conversation?.id }, 'dialog stack reset after error');
  }
}
