// A short summary the user may copy into the next chat, so they need not tell everything again; no names, no user words.
import type { Translate } from '../src/bot/i18n.js';
import type { ConversationData } from '../src/bot/conversationData.js';
import type { AssessmentSummary } from '../src/bot/ports.js';

export function summaryText(t: Translate, data: ConversationData, summary: AssessmentSummary): string {
  const lines = [t('routing:summary.title')];
  if (data.role) lines.push(t('routing:summary.role', { role: t(`routing:summary.roles.${data.role}`) }));
  if (data.age !== null) lines.push(t('routing:summary.age', { age: data.age }));
  if (summary.partnerViolence) lines.push(t(`routing:summary.partner.${summary.partnerViolence}`));
  if (summary.childAbuse) lines.push(t(`routing:summary.child.${summary.childAbuse}`));
  if (summary.redFlags.length > 0) lines.push(t('routing:summary.signals', { list: summary.redFlags.map((s) => t(`routing:summary.signal.${s}`)).join(', ') }));
  if (summary.group !== null) lines.push(t('routing:summary.group', { group: summary.group }));
  lines.push(t('routing:summary.made_by'));
  return lines.join('\n');
}
