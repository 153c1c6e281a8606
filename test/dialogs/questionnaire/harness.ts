// Test harness: runs the questionnaire dialog in a DialogTestClient with a translator set the way the i18n middleware does.
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { translator, type Language, type Translate } from '../../../src/bot/i18n.js';
import { setTurnTranslator } from '../../../src/bot/turnTranslator.js';
import { QuestionnaireDialog, type QuestionnaireId, type QuestionnaireOutcome } from '../../../dialogs/questionnaire/index.js';

export interface Session {
  client: DialogTestClient;
  t: Translate;
  /** Sends one message and returns every reply the bot sent for it. */
  say(text: string): Promise<Partial<Activity>[]>;
  /** The outcome once the dialog has ended. */
  outcome(): QuestionnaireOutcome | undefined;
}

export async function startQuestionnaire(questionnaireId: QuestionnaireId, simple = false, lang: Language = 'nl'): Promise<{ session: Session; first: Partial<Activity>[] }> {
  const t = translator(lang, simple);
  const i18n: Middleware = {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      setTurnTranslator(context, t);
      await next();
    },
  };
  const client = new DialogTestClient('test', new QuestionnaireDialog(), { questionnaireId, simple }, [i18n]);
  const collect = async (text: string) => {
    const replies: Partial<Activity>[] = [];
    let reply = await client.sendActivity(text);
    while (reply) {
      replies.push(reply);
      reply = client.getNextReply();
    }
    return replies;
  };
  const session: Session = {
    client,
    t,
    say: collect,
    outcome: () => (client.dialogTurnResult?.status === 'complete' ? (client.dialogTurnResult.result as QuestionnaireOutcome) : undefined),
  };
  const first = await collect('hoi');
  return { session, first };
}

export function buttonTitles(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => String(a.title));
}

/** The text the engine shows for a question: progress line, blank line, question. */
export function questionText(t: Translate, questionnaireId: string, key: string, n: number, total: number): string {
  return `${t('questionnaire:progress', { n, total })}\n\n${t(`q_${questionnaireId}:${key}.ask`)}`;
}
