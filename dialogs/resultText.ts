// Writes the result in plain words from an assessment: violence, what fits and why, the group as an indication, red flags, what helps.
import type { Translate } from '../src/bot/i18n.js';
import type { ConversationData } from '../src/bot/conversationData.js';
import type { AssessmentSummary } from '../src/bot/ports.js';
import type { ProfileId } from '../src/ids.js';
import type { Assessment } from './questionnaire/index.js';
import { profileFitsWriter } from './shared/profileFit.js';

/** Profiles described in the result: two at most, because a longer list stops meaning "this fits". */
export const MAX_PROFILES_SHOWN = 2;
/** Evidence sentences shown per profile. */
export const MAX_EVIDENCE_SHOWN = 3;

const bullet = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join('\n');

/** The profiles to talk about: from the answers when there are any, else the hints from free text. */
export function shownProfiles(
  assessment: Assessment | null,
  data: Pick<ConversationData, 'profileHints'> & Partial<Pick<ConversationData, 'role'>>,
): { id: ProfileId; evidenceKeys: string[] }[] {
  const fromAnswers = (assessment?.profileEvidence ?? []).filter((p) => p.evidenceKeys.length > 0);
  const list = fromAnswers.length > 0 ? fromAnswers : data.profileHints.map((id) => ({ id, evidenceKeys: [] as string[] }));
  return list.filter((p) => profileFitsWriter(p.id, data.role)).slice(0, MAX_PROFILES_SHOWN);
}

/** Coercive control or fear: joint help (couple or family therapy, mediation) must never be suggested (domain.md 1). */
export function jointHelpUnsafe(profiles: readonly ProfileId[], signals: readonly string[]): boolean {
  return profiles.includes('intimate_terror') || signals.includes('coercive_control') || signals.includes('extreme_fear');
}

export function resultParts(t: Translate, assessment: Assessment | null, data: ConversationData): string[] {
  const parts: string[] = [t('result:intro')];
  const score = assessment?.score;
  if (score?.partnerViolence) parts.push(t(`result:violence.partner.${score.partnerViolence}`));
  if (score?.childAbuse) parts.push(t(`result:violence.child.${score.childAbuse}`));
  if (assessment?.childWitness) parts.push(t('result:violence.child_witness'));

  const profiles = shownProfiles(assessment, data);
  for (const profile of profiles) {
    const why = profile.evidenceKeys.slice(0, MAX_EVIDENCE_SHOWN).map((k) => t(k));
    parts.push(why.length > 0 ? `${t(`result:profile.${profile.id}`)} ${t('result:profile.because')}\n${bullet(why)}` : t(`result:profile.${profile.id}`));
  }

  // The pyramid is about families with children; shown when the answers say something about it.
  if (score && (score.group !== null || score.groupRange[0] !== 1 || score.groupRange[1] !== 5) && data.role !== 'young_person') {
    parts.push(
      score.group !== null
        ? `${t(`result:group.g${score.group}`)} ${t('result:group.indication')}`
        : `${t('result:group.range', { low: score.groupRange[0], high: score.groupRange[1] })} ${t('result:group.indication')}`,
    );
  }

  const redFlags = [...new Set([...(assessment?.redFlags ?? []), ...data.signals])];
  if (redFlags.length > 0) parts.push(`${t('result:red_flags.intro')}\n${bullet(redFlags.map((s) => t(`result:red_flags.${s}`)))}`);

  for (const profile of profiles) parts.push(t(`result:advice.${profile.id}`));
  const profileIds = profiles.map((p) => p.id);
  if (jointHelpUnsafe(profileIds, redFlags)) parts.push(t('result:advice.no_joint_help'));
  if (redFlags.includes('separation')) parts.push(t('result:advice.separation'));
  if (data.role === 'perpetrator' || data.role === 'young_person' || data.role === 'bystander') parts.push(t(`result:role.${data.role}`));
  if (!assessment || assessment.answered === 0) parts.push(t('result:few_answers'));
  parts.push(t('result:not_a_diagnosis'));
  return parts;
}

export function assessmentSummary(assessment: Assessment | null, data: ConversationData): AssessmentSummary {
  const score = assessment?.score;
  return {
    group: score?.group ?? null,
    groupRange: score ? [score.groupRange[0], score.groupRange[1]] : [1, 5],
    partnerViolence: score?.partnerViolence ?? null,
    childAbuse: score?.childAbuse ?? null,
    redFlags: [...new Set([...(assessment?.redFlags ?? []), ...data.signals])],
    profiles: shownProfiles(assessment, data).map((p) => p.id),
    role: data.role,
  };
}
