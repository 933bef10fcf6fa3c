import type { MeasureValue } from '#core/provider-return.ts';

/**
 * The demo's quarter, told as returns: realistic floating-support figures for Sefton's services,
 * one upload rejected and put right, one accepted with a warning and late, and one return missing.
 */
export interface DemoUpload {
  readonly provider: string;
  /** Days after the quarter ends that the provider uploads. */
  readonly daysAfterQuarterEnd: number;
  readonly floatingSupport: Record<string, MeasureValue>;
  readonly story: string;
}

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
  { provider: 'riverside-intensive-floating-support', daysAfterQuarterEnd: 8, floatingSupport: riversideIntensive, story: 'accepted on time' },
  {
    provider: 'riverside-families-project',
    daysAfterQuarterEnd: 10,
    floatingSupport: { ...familiesProject, closuresTotal: 8 },
    story: 'rejected: closures do not add up',
  },
  { provider: 'riverside-families-project', daysAfterQuarterEnd: 12, floatingSupport: familiesProject, story: 'resubmitted and accepted' },
  { provider: 'athena-house', daysAfterQuarterEnd: 17, floatingSupport: athenaHouse, story: 'accepted with a warning, after the deadline' },
  // Change Grow Live Outreach sends nothing: the pack must show its return as missing.
];
