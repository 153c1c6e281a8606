// The doors the bot uses to reach the rest of the system (handoff, staff queue); defaults for the terminal and tests.
import type { ProfileId, Role, SignalId } from '../ids.js';
import type { Language } from './i18n.js';

export type HandoffReason = 'user_asked' | 'critical' | 'misunderstanding' | 'distress';

/**
 * Staff presence and handing a conversation to a person. `requestHuman` tells the user the outcome itself
 * (queued, or where to go instead); the bot only calls it when `staffAvailable` said yes.
 */
export interface HandoffPort {
  staffAvailable(conversationId?: string): Promise<boolean>;
  requestHuman(conversationId: string, reason: HandoffReason): Promise<{ accepted: boolean }>;
}

export type ViolenceLevel = 'none' | 'mild' | 'severe' | null;

/** What staff see of an assessment: levels, ids and the group; never the user's words. */
export interface AssessmentSummary {
  group: 1 | 2 | 3 | 4 | 5 | null;
  groupRange: [number, number];
  partnerViolence: ViolenceLevel;
  childAbuse: ViolenceLevel;
  redFlags: SignalId[];
  profiles: ProfileId[];
  role: Role | null;
}

export interface ProfileSummary {
  lang: Language;
  simple: boolean;
  role: Role | null;
}

/** Told about risk and progress so the staff queue can sort by urgency. */
export interface ConversationObserver {
  signalsDetected(conversationId: string, signals: SignalId[], urgent: boolean): Promise<void>;
  assessmentReady(conversationId: string, summary: AssessmentSummary): Promise<void>;
  profileChanged?(conversationId: string, profile: ProfileSummary): Promise<void>;
}

/** Terminal and tests: nobody from the helpdesk is ever online. */
export const noStaffHandoff: HandoffPort = {
  staffAvailable: async () => false,
  requestHuman: async () => ({ accepted: false }),
};

/** Terminal and tests: nobody watches the queue. */
export const silentObserver: ConversationObserver = {
  signalsDetected: async () => undefined,
  assessmentReady: async () => undefined,
  profileChanged: async () => undefined,
};
