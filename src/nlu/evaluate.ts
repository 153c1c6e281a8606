// Measures the analyser on the held-out test split (npm run nlu:eval): critical recall, false alarms, role and profile accuracy.
import { pathToFileURL } from 'node:url';
import { CRITICAL_SIGNALS, isCritical, type SignalId } from '../ids.js';
import { corpusSplit, type CorpusItem } from './corpus.js';
import { getAnalyser, type Analyser } from './index.js';

export interface Evaluation {
  messages: number;
  /** Share of labelled critical signals that were found. */
  criticalRecall: number;
  criticalFound: number;
  criticalLabelled: number;
  /** Share of neutral messages (no signal, role or profile labelled) that raised any critical signal. */
  neutralCriticalFalseAlarms: number;
  /** Share of neutral messages that raised any signal at all. */
  neutralAnyFalseAlarms: number;
  neutralMessages: number;
  /** Share of messages with a labelled role where the guessed role matches. */
  roleAccuracy: number;
  roleMessages: number;
  /** Share of messages with labelled profiles whose first label is among the two highest profiles. */
  profileTop2: number;
  profileMessages: number;
  /** Recall per critical signal, for finding what to improve. */
  perSignalRecall: Partial<Record<SignalId, { found: number; labelled: number }>>;
}

export const TARGETS = { criticalRecall: 0.95, neutralCriticalFalseAlarms: 0.1, roleAccuracy: 0.8, profileTop2: 0.8 } as const;

export function evaluate(analyser: Analyser, items: CorpusItem[]): Evaluation {
  let criticalFound = 0;
  let criticalLabelled = 0;
  let neutral = 0;
  let neutralCritical = 0;
  let neutralAny = 0;
  let roleOk = 0;
  let roleCount = 0;
  let profileOk = 0;
  let profileCount = 0;
  const perSignal: Evaluation['perSignalRecall'] = {};
  for (const item of items) {
    const result = analyser.analyse(item.text, item.lang);
    const got = new Set(result.signals);
    for (const s of item.signals) {
      if (!isCritical(s)) continue;
      const entry = (perSignal[s] ??= { found: 0, labelled: 0 });
      entry.labelled++;
      criticalLabelled++;
      if (got.has(s)) {
        entry.found++;
        criticalFound++;
      }
    }
    // Neutral: nothing to find at all (no signal, no writer role, no profile), the everyday and tricky messages.
    if (item.signals.length === 0 && item.role === null && item.profiles.length === 0) {
      neutral++;
      if (result.signals.some(isCritical)) neutralCritical++;
      if (result.signals.length > 0) neutralAny++;
    }
    if (item.role !== null) {
      roleCount++;
      if (result.role === item.role) roleOk++;
    }
    if (item.profiles.length > 0) {
      profileCount++;
      const top2 = result.profiles.slice(0, 2).map((p) => p.id);
      if (item.profiles.some((p) => top2.includes(p))) profileOk++;
    }
  }
  const share = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    messages: items.length,
    criticalRecall: share(criticalFound, criticalLabelled),
    criticalFound,
    criticalLabelled,
    neutralCriticalFalseAlarms: neutral === 0 ? 0 : neutralCritical / neutral,
    neutralAnyFalseAlarms: neutral === 0 ? 0 : neutralAny / neutral,
    neutralMessages: neutral,
    roleAccuracy: share(roleOk, roleCount),
    roleMessages: roleCount,
    profileTop2: share(profileOk, profileCount),
    profileMessages: profileCount,
    perSignalRecall: perSignal,
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Human-readable report; one line per figure, target next to it. */
export function formatEvaluation(e: Evaluation): string {
  const lines = [
    `messages: ${e.messages}`,
    `critical recall: ${pct(e.criticalRecall)} (${e.criticalFound}/${e.criticalLabelled}, target >= ${pct(TARGETS.criticalRecall)})`,
    `false alarms on neutral (critical): ${pct(e.neutralCriticalFalseAlarms)} of ${e.neutralMessages} (target <= ${pct(TARGETS.neutralCriticalFalseAlarms)})`,
    `false alarms on neutral (any signal): ${pct(e.neutralAnyFalseAlarms)}`,
    `role accuracy: ${pct(e.roleAccuracy)} of ${e.roleMessages} (target >= ${pct(TARGETS.roleAccuracy)})`,
    `profile in top 2: ${pct(e.profileTop2)} of ${e.profileMessages} (target >= ${pct(TARGETS.profileTop2)})`,
  ];
  for (const s of CRITICAL_SIGNALS) {
    const r = e.perSignalRecall[s];
    if (r) lines.push(`  ${s}: ${r.found}/${r.labelled}`);
  }
  return lines.join('\n');
}

export function meetsTargets(e: Evaluation): boolean {
  return (
    e.criticalRecall >= TARGETS.criticalRecall &&
    e.neutralCriticalFalseAlarms <= TARGETS.neutralCriticalFalseAlarms &&
    e.roleAccuracy >= TARGETS.roleAccuracy &&
    e.profileTop2 >= TARGETS.profileTop2
  );
}

async function main(): Promise<void> {
  const split = process.argv[2] === 'train' ? 'train' : 'test';
  const analyser = await getAnalyser();
  const result = evaluate(analyser, corpusSplit(split));
  process.stdout.write(`split: ${split}\n${formatEvaluation(result)}\n`);
  process.exitCode = meetsTargets(result) ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
