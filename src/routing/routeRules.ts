// Who goes where (domain.md section 6): the young-person age band and each role's services in priority order.
import type { Role } from '../ids.js';
import type { ServiceId } from './serviceSchema.js';

/** A young person is 8 to 18 years old, both inclusive (Kindertelefoon's audience, domain.md section 5). */
export const YOUNG_PERSON_AGE = { min: 8, max: 18 } as const;

/** An adult, for services that ask for one, is this age or older. */
export const ADULT_MIN_AGE = YOUNG_PERSON_AGE.max + 1;

/**
 * Services per role, first = try first. Veilig Thuis is in every list: its 24/7 phone is the fallback
 * for everyone. A role other than young_person whose age says "young person" also gets YOUNG_PERSON_SERVICES first.
 */
export const ROLE_SERVICES: Readonly<Record<Role, readonly ServiceId[]>> = {
  victim: ['veilig-thuis', 'fier', 'safewomen'],
  // Veilig Thuis advises perpetrators; Fier works with perpetrators of violence in dependency relations.
  perpetrator: ['veilig-thuis', 'fier'],
  bystander: ['veilig-thuis'],
  // Reached only when a stated age puts the writer outside 8..18: no Kindertelefoon then.
  young_person: ['veilig-thuis', 'fier'],
};

/** For anyone aged 8..18 (or role young_person without an age): Kindertelefoon first when open. */
export const YOUNG_PERSON_SERVICES: readonly ServiceId[] = ['kindertelefoon', 'veilig-thuis', 'fier'];

/** The 24/7 fallback that every answer contains (rule 7). */
export const FALLBACK_SERVICE: ServiceId = 'veilig-thuis';
