// The stable ids of domain.md shared by every module: signals, profiles, roles, risk factors, services.
import { z } from 'zod';

/** Signals that escalate at once (domain.md section 3). */
export const CRITICAL_SIGNALS = [
  'acute_danger',
  'threat_to_kill',
  'weapon',
  'strangulation',
  'sexual_violence',
  'child_harm',
  'self_harm',
] as const;

/** Other risk signals (domain.md section 3). */
export const RISK_SIGNALS = [
  'coercive_control',
  'stalking',
  'separation',
  'escalation',
  'injury',
  'pregnancy',
  'substance_use',
  'child_witness',
  'extreme_fear',
] as const;

export const SIGNAL_IDS = [...CRITICAL_SIGNALS, ...RISK_SIGNALS] as const;
export const SignalIdSchema = z.enum(SIGNAL_IDS);
export type SignalId = z.infer<typeof SignalIdSchema>;
export type CriticalSignalId = (typeof CRITICAL_SIGNALS)[number];

export function isCritical(signal: SignalId): signal is CriticalSignalId {
  return (CRITICAL_SIGNALS as readonly string[]).includes(signal);
}

/** Violence profiles (domain.md section 4). */
export const PROFILE_IDS = ['intimate_terror', 'family_stress', 'child_behaviour', 'long_term_care', 'complex_divorce'] as const;
export const ProfileIdSchema = z.enum(PROFILE_IDS);
export type ProfileId = z.infer<typeof ProfileIdSchema>;

/** Who is writing. */
export const ROLES = ['victim', 'perpetrator', 'young_person', 'bystander'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const GENDERS = ['female', 'male', 'other'] as const;
export const GenderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof GenderSchema>;

/** The 16 risk factors of the policy pyramid (seed 001), ids as in interfaces.md. */
export const RISK_FACTOR_IDS = [
  'ace_physical_abuse',
  'ace_emotional_abuse',
  'ace_sexual_abuse',
  'ace_physical_neglect',
  'ace_emotional_neglect',
  'ace_violence_against_mother',
  'ace_household_substance_abuse',
  'ace_household_mental_illness',
  'ace_parental_separation',
  'ace_household_incarceration',
  'poverty',
  'unemployment',
  'parenting_stress',
  'risky_drinking_self',
  'risky_drinking_partner',
  'youth_problem_behaviour',
] as const;
export const RiskFactorIdSchema = z.enum(RISK_FACTOR_IDS);
export type RiskFactorId = z.infer<typeof RiskFactorIdSchema>;

export const LANGUAGES = ['nl', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
