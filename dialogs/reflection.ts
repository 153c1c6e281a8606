// Says back in plain words what the bot understood from free text, built from signal and profile keys, never from labels.
import type { Translate } from '../src/bot/i18n.js';
import type { Analysis } from '../src/bot/analyser.js';
import type { Role } from '../src/ids.js';
import { profileFitsWriter } from './shared/profileFit.js';

/** At most this many things are said back: a long list reads like a file, not like listening. */
export const MAX_REFLECTED_ITEMS = 3;

/** `writer`: who the person said they are (or the analysis' guess when they have not said yet). */
export function reflectionItems(t: Translate, analysis: Analysis, writer: Role | null = analysis.role): string[] {
  const items = analysis.signals.map((s) => t(`tell:understood.signal.${s}`));
  // A profile adds a sentence only when no signal said something already; profiles are weaker evidence.
  const profile = analysis.profiles.find((p) => profileFitsWriter(p.id, writer));
  if (items.length === 0 && profile) items.push(t(`tell:understood.profile.${profile.id}`));
  return items.slice(0, MAX_REFLECTED_ITEMS);
}

/** "Ik begrijp dat a, dat b en dat c." or, when nothing was found, an honest "I am not sure yet". */
export function reflectionText(t: Translate, analysis: Analysis, writer: Role | null = analysis.role): string {
  const items = reflectionItems(t, analysis, writer);
  if (items.length === 0) return t('tell:understood.nothing');
  let list = items[0];
  for (const item of items.slice(1, -1)) list = t('tell:understood.more', { first: list, next: item });
  if (items.length > 1) list = t('tell:understood.join', { first: list, last: items[items.length - 1] });
  return t('tell:understood.intro', { list });
}
