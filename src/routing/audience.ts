// Whether a service's audience (roles, age bounds, genders) includes the person asking.
import type { Gender, Role } from '../ids.js';
import { ADULT_MIN_AGE, YOUNG_PERSON_AGE } from './routeRules.js';
import type { Audience } from './serviceSchema.js';

export interface Person {
  role: Role;
  age?: number;
  gender?: Gender;
}

/** Oldest age we consider; matches the input limit. */
const MAX_AGE = 120;

/** True for 8..18, or role young_person when no age is given. */
export function isYoungPerson(person: Person): boolean {
  if (person.age !== undefined) return person.age >= YOUNG_PERSON_AGE.min && person.age <= YOUNG_PERSON_AGE.max;
  return person.role === 'young_person';
}

/**
 * The ages the person may have: the stated age, or, without one, 8..18 for role young_person and
 * adult for every other role (someone writing as victim, perpetrator or bystander is taken to be an adult).
 */
function ageRange(person: Person): { min: number; max: number } {
  if (person.age !== undefined) return { min: person.age, max: person.age };
  if (person.role === 'young_person') return { min: YOUNG_PERSON_AGE.min, max: YOUNG_PERSON_AGE.max };
  return { min: ADULT_MIN_AGE, max: MAX_AGE };
}

/** The whole age range must fit the bounds, and a gender limit needs a stated gender that it lists. */
export function servesPerson(audience: Audience, person: Person): boolean {
  if (!audience.roles.includes(person.role)) return false;
  const range = ageRange(person);
  if (audience.minAge !== undefined && range.min < audience.minAge) return false;
  if (audience.maxAge !== undefined && range.max > audience.maxAge) return false;
  if (audience.genders !== undefined && (person.gender === undefined || !audience.genders.includes(person.gender))) return false;
  return true;
}
