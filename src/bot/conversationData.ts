// The bot's memory of one conversation (stored with ConversationState): profile, role, signals, questionnaire outcomes.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Gender, ProfileId, Role, SignalId } from '../ids.js';
import type { QuestionnaireOutcome } from '../../dialogs/questionnaire/index.js';
import { DEFAULT_LANGUAGE, type Language } from './i18n.js';
import type { HandoffReason } from './ports.js';

export interface ConversationData {
  lang: Language;
  simple: boolean;
  role: Role | null;
  age: number | null;
  gender: Gender | null;
  /** Children live in the user's home (asks children_at_home); null = not asked or unknown. */
  hasChildren: boolean | null;
  /** Agreed to the optional risk-factor questions. */
  riskConsent: boolean | null;
  /** Every signal found so far, in the order first seen. */
  signals: SignalId[];
  urgent: boolean;
  /** Profile ids the free-text analysis pointed to, strongest first. */
  profileHints: ProfileId[];
  /** Role the free-text analysis suggested (confirmed or not). */
  suggestedRole: Role | null;
  outcomes: QuestionnaireOutcome[];
  /** Answers the bot could not understand since the last offer of a person. */
  misunderstandings: number;
  /** Why the bot last offered a person; a following "mens" asks for one with this reason. */
  personOffer: HandoffReason | null;
  /** The channel's language/mode switches as last seen: a switch applies when it changes, not on every message. */
  channelSettings: { lang?: Language; simple?: boolean };
}

export function newConversationData(lang: Language = DEFAULT_LANGUAGE, simple = false): ConversationData {
  return {
    lang,
    simple,
    role: null,
    age: null,
    gender: null,
    hasChildren: null,
    riskConsent: null,
    signals: [],
    urgent: false,
    profileHints: [],
    suggestedRole: null,
    outcomes: [],
    misunderstandings: 0,
    personOffer: null,
    channelSettings: {},
  };
}

/** Only language and mode survive a restart of the conversation ("opnieuw beginnen"). */
export function restartedConversationData(previous: ConversationData): ConversationData {
  return {
    ...newConversationData(previous.lang, previous.simple),
    signals: previous.signals,
    urgent: previous.urgent,
    channelSettings: previous.channelSettings,
  };
}

export type ConversationDataAccessor = StatePropertyAccessor<ConversationData>;

export async function conversationData(accessor: ConversationDataAccessor, context: TurnContext): Promise<ConversationData> {
  return accessor.get(context, newConversationData());
}

/** Adds signals not yet recorded; returns the ones that are new. */
export function recordSignals(data: ConversationData, signals: readonly SignalId[]): SignalId[] {
  const added = signals.filter((s) => !data.signals.includes(s));
  data.signals.push(...added);
  return added;
}
