// Puts a set of signals in the fixed order of SIGNAL_IDS (a plain loop: this runs several times per analysed message).
import { SIGNAL_IDS, type SignalId } from '../ids.js';

export function signalsInOrder(set: ReadonlySet<SignalId>): SignalId[] {
  const out: SignalId[] = [];
  if (set.size === 0) return out;
  for (let i = 0; i < SIGNAL_IDS.length; i++) if (set.has(SIGNAL_IDS[i])) out.push(SIGNAL_IDS[i]);
  return out;
}
