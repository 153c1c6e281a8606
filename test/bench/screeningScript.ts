// The scripted user of the bench: opens with a disclosure, then answers whatever the bot asks (buttons first, else short free text).
import type { DlAction, DlActivity } from '../scale/directLineClient.js';

/** A message with critical signals (weapon, threat to kill): the bot must answer at once and name 112. */
export const CRITICAL_MESSAGE = 'Hij heeft net een mes gepakt en zegt dat hij me gaat vermoorden';

const OPENING = 'Hoi, mijn partner schreeuwt vaak tegen me en duwt me soms. Ik weet niet of dat normaal is.';

const DISCLOSURE = 'Hij scheldt me bijna elke dag uit en duwt me soms. Ik durf thuis niet goed te zeggen wat ik denk.';

// Used when the bot offers no buttons; plain answers a person might type to a screening question.
const FREE_TEXT = ['ja', 'soms', 'nee', 'een paar keer', 'weet ik niet', 'ik woon samen met mijn partner en twee kinderen', 'vaak', 'ja, vorige week nog'];

// Buttons the script never presses: they would end the screening or leave the bot (stop, a person, back, "not safe to chat").
const AVOID = /stop|quit|klaar|mens|medewerker|human|person|terug|back|exit|sluit|verlaat|snel weg|niet veilig|not safe|unsafe|meekijken|meelezen|kijkt|can see|watching|reading along|looking/i;

function actionToMessage(action: DlAction): Record<string, unknown> {
  const value = action.value;
  if (action.type === 'postBack' || action.type === 'messageBack') {
    return typeof value === 'string' ? { text: value } : { value, text: action.title };
  }
  return { text: typeof value === 'string' ? value : (action.title ?? 'ja') };
}

/** The next message for turn n (0-based), from the replies to the previous one; deterministic so runs compare. */
export function nextMessage(turn: number, lastReplies: DlActivity[]): Record<string, unknown> {
  if (turn === 0) return { text: OPENING };
  const withActions = [...lastReplies].reverse().find((a) => (a.suggestedActions?.actions?.length ?? 0) > 0);
  const actions = (withActions?.suggestedActions?.actions ?? []).filter((a) => !AVOID.test(`${a.title ?? ''} ${typeof a.value === 'string' ? a.value : ''}`));
  // "Tell me in your own words" offers only a skip button: answer it as a person would, in words.
  if (/eigen woorden|own words/i.test(withActions?.text ?? '')) return { text: DISCLOSURE };
  if (actions.length > 0) return actionToMessage(actions[turn % actions.length]!);
  return { text: FREE_TEXT[turn % FREE_TEXT.length] };
}

/** True for a reply that sends the person to emergency services. */
export function names112(activity: DlActivity): boolean {
  return JSON.stringify(activity).includes('112');
}
