// Which questionnaires a person gets, in order, from their role and what they agreed to (product.md feature 4).
import type { ConversationData } from '../src/bot/conversationData.js';
import type { QuestionnaireId } from './questionnaire/index.js';

export function screeningPlan(data: Pick<ConversationData, 'role' | 'hasChildren' | 'riskConsent' | 'simple'>): QuestionnaireId[] {
  const children = data.hasChildren === true;
  const risk = data.riskConsent === true;
  switch (data.role) {
    case 'perpetrator':
      return ['perpetrator', ...(children ? (['children_at_home'] as const) : []), ...(risk ? (['risk_factors'] as const) : [])];
    case 'young_person':
      return ['young_person'];
    case 'bystander':
      return ['bystander'];
    case 'victim':
    case null:
    default:
      // Simple mode asks fewer questions: the trauma and risk-factor screens are left out.
      return [
        'partner_violence',
        'coercive_control',
        'danger',
        ...(children ? (['children_at_home'] as const) : []),
        ...(data.simple ? [] : (['trauma'] as const)),
        ...(risk && !data.simple ? (['risk_factors'] as const) : []),
      ];
  }
}

/** Roles that are asked whether children live at home and whether they want the optional risk-factor questions. */
export function asksAboutHome(role: ConversationData['role']): boolean {
  return role === 'victim' || role === 'perpetrator' || role === null;
}
