import type { MeasureValue } from '#core/provider-return.ts';
import type { SectionId } from '#core/provider-register.ts';

/**
 * The demo's quarter, told as returns: realistic figures for each of Sefton's services, one upload
 * rejected and put right, one accepted with a warning and late, and one return missing.
 */
export interface DemoUpload {
  readonly provider: string;
  /** Days after the quarter ends that the provider uploads. */
  readonly daysAfterQuarterEnd: number;
  readonly values: Partial<Record<SectionId, Record<string, MeasureValue>>>;
  readonly story: string;
}

const outreach = {
  flowNew: 9, flowReturner: 6, flowLongTerm: 8, peopleSeen: 23,
  localitySouthport: 9, localityFormby: 1, localityAinsdale: 0, localityCrosby: 2, localityWaterloo: 1, localityMaghull: 0,
  localityBootle: 7, localityLitherland: 1, localityNetherton: 1, localityOther: 1,
  genderMale: 18, genderFemale: 4, genderOther: 0, genderNotKnown: 1,
  age18to25: 3, age26to35: 7, age36to45: 6, age46to55: 4, age56plus: 2, ageNotKnown: 1,
  nationalityUk: 19, nationalityEu: 2, nationalityNonEu: 1, nationalityNotKnown: 1,
  noRecourseToPublicFunds: 2,
  outcomeEmergencyBed: 6, outcomeSupportedHousing: 4, outcomeHousingFirst: 2, outcomePrivateRented: 1, outcomeSocialHousing: 1,
  outcomeReconnected: 2, outcomeStillRoughSleeping: 4, outcomeLostContact: 3,
  commentary: 'Most people new to the streets were seen in Southport town centre after the summer.',
};

const emergencyBeds = { bedSpaces: 28, bedsOccupied: 26, overstayers: 9, dormitorySpaces: 6, averageNightsEmergencyBed: 23.5, commentary: null };
const refuge = { bedSpaces: 12, bedsOccupied: 11, overstayers: 3, dormitorySpaces: 0, averageNightsEmergencyBed: null, commentary: null };

/** The council's action leads move a few actions on; one has slipped to red and says why. */
const actionPlanUpdates = {
  'action1.rag': 'Red',
  'action1.commentary': 'The sharer pilot lost its funding; a bid to the Combined Authority is being prepared.',
  'action1.nextSteps': 'Submit the bid and report back to the forum.',
  'action1.targetDate': '2027-03-31',
  'action4.completion': 'Complete',
  'action4.rag': 'Blue',
  'action4.commentary': 'Agreed at the Property Pool Plus Contract Board.',
  'action13.rag': 'Green',
  'action13.commentary': 'Protocol signed off with the Leaving Care team.',
};

const riversideIntensive = {
  referralsFromHousingOptions: 18, referralsSelf: 4, referralsFromRegisteredProvider: 9, referralsOther: 3, referralsReceived: 34,
  referralsAccepted: 29, newStarts: 26, caseloadAtQuarterEnd: 61, householdsSingle: 44, householdsFamily: 17,
  closuresPreventionSustained: 12, closuresPreventionAlternative: 5, closuresReliefSecured: 3, closuresTenancyFailed: 2,
  closuresLostContact: 3, closuresDeclined: 1, closuresMovedAway: 1, closuresOther: 0, closuresTotal: 27,
  referralsToHousingOptions: 9, dutyPreventionAccepted: 5, dutyReliefAccepted: 2, dutyMainAccepted: 0, dutyNotAccepted: 1,
  tenanciesConvertedToGeneralNeeds: 4,
  commentary: 'Referrals from registered providers rose after the weekly arrears meetings began.',
};

const familiesProject = {
  referralsFromHousingOptions: 6, referralsSelf: 0, referralsFromRegisteredProvider: 2, referralsOther: 1, referralsReceived: 9,
  referralsAccepted: 8, newStarts: 7, caseloadAtQuarterEnd: 19, householdsSingle: 0, householdsFamily: 19,
  closuresPreventionSustained: 4, closuresPreventionAlternative: 1, closuresReliefSecured: 1, closuresTenancyFailed: 0,
  closuresLostContact: 1, closuresDeclined: 0, closuresMovedAway: 0, closuresOther: 0, closuresTotal: 7,
  referralsToHousingOptions: 3, dutyPreventionAccepted: 2, dutyReliefAccepted: 1, dutyMainAccepted: 0, dutyNotAccepted: 0,
  tenanciesConvertedToGeneralNeeds: 2,
  commentary: null,
};

const athenaHouse = {
  referralsFromHousingOptions: 3, referralsSelf: 5, referralsFromRegisteredProvider: 0, referralsOther: 7, referralsReceived: 15,
  referralsAccepted: 11, newStarts: 10, caseloadAtQuarterEnd: 14, householdsSingle: 11, householdsFamily: 2,
  closuresPreventionSustained: 2, closuresPreventionAlternative: 4, closuresReliefSecured: 3, closuresTenancyFailed: 1,
  closuresLostContact: 2, closuresDeclined: 0, closuresMovedAway: 1, closuresOther: 0, closuresTotal: 13,
  referralsToHousingOptions: 8, dutyPreventionAccepted: 3, dutyReliefAccepted: 4, dutyMainAccepted: 1, dutyNotAccepted: 0,
  tenanciesConvertedToGeneralNeeds: 0,
  commentary: 'One household moved between refuges during the quarter, so the single/family split is one short of the caseload.',
};

export const DEMO_UPLOADS: readonly DemoUpload[] = [
  { provider: 'lcr-assertive-outreach', daysAfterQuarterEnd: 6, values: { roughSleeping: outreach }, story: 'accepted on time' },
  { provider: 'riverside-intensive-floating-support', daysAfterQuarterEnd: 8, values: { floatingSupport: riversideIntensive }, story: 'accepted on time' },
  {
    provider: 'riverside-families-project',
    daysAfterQuarterEnd: 10,
    values: { floatingSupport: { ...familiesProject, closuresTotal: 8 } },
    story: 'rejected: closures do not add up',
  },
  { provider: 'riverside-families-project', daysAfterQuarterEnd: 12, values: { floatingSupport: familiesProject }, story: 'resubmitted and accepted' },
  { provider: 'sit-up-emergency-beds', daysAfterQuarterEnd: 13, values: { accommodation: emergencyBeds }, story: 'accepted on time' },
  { provider: 'sefton-council', daysAfterQuarterEnd: 14, values: { actionPlan: actionPlanUpdates }, story: 'action-plan updates, accepted on time' },
  {
    provider: 'athena-house',
    daysAfterQuarterEnd: 17,
    values: { floatingSupport: athenaHouse, accommodation: refuge },
    story: 'accepted with a warning, after the deadline',
  },
  // Change Grow Live Outreach sends nothing: the pack must show its return as missing.
];
