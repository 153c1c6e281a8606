// Which profiles may be said to this writer: a young person is the child in "a child's behaviour gives trouble".
import type { ProfileId, Role } from '../../src/ids.js';

const NOT_FOR_YOUNG_PEOPLE: ReadonlySet<ProfileId> = new Set(['child_behaviour']);

/** False for a profile that, said to this writer, would blame them for what happens to them. */
export function profileFitsWriter(profile: ProfileId, writer: Role | null | undefined): boolean {
  return !(writer === 'young_person' && NOT_FOR_YOUNG_PEOPLE.has(profile));
}
