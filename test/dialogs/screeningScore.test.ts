// One complete screening whose answers are turned into exactly the ScoreInput and ScoreResult computed here by hand.
import { describe, expect, it } from 'vitest';
import { assessmentFrom } from '../../dialogs/questionnaire/index.js';
import { score } from '../../src/scoring/index.js';
import type { AssessmentSummary } from '../../src/bot/ports.js';
import { BotHarness, allText } from '../bot/harness.js';
import { welcomeAs } from './flow.js';

describe('a victim completes the screening (no children at home, no risk-factor questions)', () => {
  it('answers -> ScoreInput -> ScoreResult -> result text and staff summary', async () => {
    const summaries: AssessmentSummary[] = [];
    const h = new BotHarness({ observer: { signalsDetected: async () => undefined, assessmentReady: async (_id, s) => void summaries.push(s) } });
    const t = h.t;
    await welcomeAs(h, 'victim');
    await h.say('we maken veel ruzie');
    await h.press('tell:confirm.go_on');
    await h.press('common:no'); // no children at home: children_at_home is not asked
    await h.press('screening:risk_consent.no');

    // partner_violence: options are numbered never(1) once(2) twice(3) 3-5(4) ...
    await h.say('4'); // shouting, mild: 3-5 times -> 4 incidents
    await h.say('3'); // push/grab, mild: twice -> 2 incidents
    for (let i = 0; i < 6; i++) await h.say('1'); // slap/throw (mild) and five severe acts: never
    // coercive_control: seven questions, all "weet ik niet"
    for (let i = 0; i < 7; i++) await h.say(t('questionnaire:buttons.dont_know'));
    // danger: nine yes/no questions, all "nee"
    for (let i = 0; i < 9; i++) await h.say(t('questionnaire:yesno.no'));
    // trauma: own symptoms often, often, never, never, never; the child questions "no children" (option 4)
    for (const answer of ['3', '3', '1', '1', '1', '4', '4']) await h.say(answer);
    const end = await h.say('4');

    // Hand-computed: mild = 4 + 2 = 6 (4..21 mild, no severe -> 'mild'); 2 "often" reach the parent cut-off of 2 -> trauma;
    // trauma decides the pyramid group: 5, whatever else is unknown.
    const data = await h.conversationData();
    const assessment = assessmentFrom(data.outcomes);
    expect(assessment.scoreInput.partnerViolence).toEqual({ mildIncidents: 6, severeIncidents: 0 });
    // The child part was not assessed (no children), so it is left out rather than false.
    expect(assessment.scoreInput.trauma).toEqual({ parent: true });
    expect(assessment.scoreInput.childAbuse ?? null).toBeNull();
    expect(assessment.scoreInput.riskFactors ?? null).toBeNull();
    expect(score(assessment.scoreInput)).toEqual({
      partnerViolence: 'mild',
      childAbuse: null,
      trauma: true,
      unsafeAttachment: null,
      childEmotionalInsecurity: null,
      riskFactorCount: 0,
      riskFactorsAssessed: 0,
      riskCumulation: null,
      group: 5,
      groupRange: [5, 5],
    });

    const text = allText(end);
    expect(text).toContain(t('result:violence.partner.mild'));
    expect(text).toContain(t('result:group.g5'));
    expect(text).toContain(t('result:group.indication'));
    expect(summaries).toEqual([
      { group: 5, groupRange: [5, 5], partnerViolence: 'mild', childAbuse: null, redFlags: [], profiles: expect.any(Array), role: 'victim' },
    ]);
  });
});
