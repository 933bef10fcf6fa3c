import type { SectionId } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';

/**
 * The demo's two quarters, told as returns: realistic figures for each of Sefton's services. In the
 * latest quarter one upload is rejected and put right, one is accepted with a warning after the
 * deadline, and one arrives only after the pack was made, so the quarter is revised.
 */
export interface DemoUpload {
  readonly provider: string;
  /** Days after the quarter ends that the provider uploads. */
  readonly daysAfterQuarterEnd: number;
  readonly values: Partial<Record<SectionId, Record<string, MeasureValue>>>;
  readonly story: string;
}

/** Figures a provider could really send; the tests use them too. */
export const outreach = {
  flowNew: 9,
  flowReturner: 6,
  flowLongTerm: 8,
  peopleSeen: 23,
  localitySouthport: 9,
  localityFormby: 1,
  localityAinsdale: 0,
  localityCrosby: 2,
  localityWaterloo: 1,
  localityMaghull: 0,
  localityBootle: 7,
  localityLitherland: 1,
  localityNetherton: 1,
  localityOther: 1,
  genderMale: 18,
  genderFemale: 4,
  genderOther: 0,
  genderNotKnown: 1,
  age18to25: 3,
  age26to35: 7,
  age36to45: 6,
  age46to55: 4,
  age56plus: 2,
  ageNotKnown: 1,
  nationalityUk: 19,
  nationalityEu: 2,
  nationalityNonEu: 1,
  nationalityNotKnown: 1,
  noRecourseToPublicFunds: 2,
  outcomeEmergencyBed: 6,
  outcomeSupportedHousing: 4,
  outcomeHousingFirst: 2,
  outcomePrivateRented: 1,
  outcomeSocialHousing: 1,
  outcomeReconnected: 2,
  outcomeStillRoughSleeping: 4,
  outcomeLostContact: 3,
  commentary: 'Most people new to the streets were seen in Southport town centre after the summer.',
};

const emergencyBeds = {
  bedSpaces: 28,
  bedsOccupied: 26,
  overstayers: 9,
  dormitorySpaces: 6,
  averageNightsEmergencyBed: 23.5,
  commentary: null,
};
const refuge = {
  bedSpaces: 12,
  bedsOccupied: 11,
  overstayers: 3,
  dormitorySpaces: 0,
  averageNightsEmergencyBed: null,
  commentary: null,
};

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

export const riversideIntensive = {
  referralsFromHousingOptions: 18,
  referralsSelf: 4,
  referralsFromRegisteredProvider: 9,
  referralsOther: 3,
  referralsReceived: 34,
  referralsAccepted: 29,
  newStarts: 26,
  caseloadAtQuarterEnd: 61,
  householdsSingle: 44,
  householdsFamily: 17,
  closuresPreventionSustained: 12,
  closuresPreventionAlternative: 5,
  closuresReliefSecured: 3,
  closuresTenancyFailed: 2,
  closuresLostContact: 3,
  closuresDeclined: 1,
  closuresMovedAway: 1,
  closuresOther: 0,
  closuresTotal: 27,
  referralsToHousingOptions: 9,
  dutyPreventionAccepted: 5,
  dutyReliefAccepted: 2,
  dutyMainAccepted: 0,
  dutyNotAccepted: 1,
  tenanciesConvertedToGeneralNeeds: 4,
  commentary: 'Referrals from registered providers rose after the weekly arrears meetings began.',
};

const familiesProject = {
  referralsFromHousingOptions: 6,
  referralsSelf: 0,
  referralsFromRegisteredProvider: 2,
  referralsOther: 1,
  referralsReceived: 9,
  referralsAccepted: 8,
  newStarts: 7,
  caseloadAtQuarterEnd: 19,
  householdsSingle: 0,
  householdsFamily: 19,
  closuresPreventionSustained: 4,
  closuresPreventionAlternative: 1,
  closuresReliefSecured: 1,
  closuresTenancyFailed: 0,
  closuresLostContact: 1,
  closuresDeclined: 0,
  closuresMovedAway: 0,
  closuresOther: 0,
  closuresTotal: 7,
  referralsToHousingOptions: 3,
  dutyPreventionAccepted: 2,
  dutyReliefAccepted: 1,
  dutyMainAccepted: 0,
  dutyNotAccepted: 0,
  tenanciesConvertedToGeneralNeeds: 2,
  commentary: null,
};

const athenaHouse = {
  referralsFromHousingOptions: 3,
  referralsSelf: 5,
  referralsFromRegisteredProvider: 0,
  referralsOther: 7,
  referralsReceived: 15,
  referralsAccepted: 11,
  newStarts: 10,
  caseloadAtQuarterEnd: 14,
  householdsSingle: 11,
  householdsFamily: 2,
  closuresPreventionSustained: 2,
  closuresPreventionAlternative: 4,
  closuresReliefSecured: 3,
  closuresTenancyFailed: 1,
  closuresLostContact: 2,
  closuresDeclined: 0,
  closuresMovedAway: 1,
  closuresOther: 0,
  closuresTotal: 13,
  referralsToHousingOptions: 8,
  dutyPreventionAccepted: 3,
  dutyReliefAccepted: 4,
  dutyMainAccepted: 1,
  dutyNotAccepted: 0,
  tenanciesConvertedToGeneralNeeds: 0,
  commentary:
    'One household moved between refuges during the quarter, so the single/family split is one short of the caseload.',
};

export const LATEST_QUARTER_UPLOADS: readonly DemoUpload[] = [
  {
    provider: 'lcr-assertive-outreach',
    daysAfterQuarterEnd: 6,
    values: { roughSleeping: outreach },
    story: 'accepted on time',
  },
  {
    provider: 'riverside-intensive-floating-support',
    daysAfterQuarterEnd: 8,
    values: { floatingSupport: riversideIntensive },
    story: 'accepted on time',
  },
  {
    provider: 'riverside-families-project',
    daysAfterQuarterEnd: 10,
    values: { floatingSupport: { ...familiesProject, closuresTotal: 8 } },
    story: 'rejected: closures do not add up',
  },
  {
    provider: 'riverside-families-project',
    daysAfterQuarterEnd: 12,
    values: { floatingSupport: familiesProject },
    story: 'resubmitted and accepted',
  },
  {
    provider: 'sit-up-emergency-beds',
    daysAfterQuarterEnd: 13,
    values: { accommodation: emergencyBeds },
    story: 'accepted on time',
  },
  {
    provider: 'sefton-council',
    daysAfterQuarterEnd: 14,
    values: { actionPlan: actionPlanUpdates },
    story: 'action-plan updates, accepted on time',
  },
  {
    provider: 'athena-house',
    daysAfterQuarterEnd: 17,
    values: { floatingSupport: athenaHouse, accommodation: refuge },
    story: 'accepted with a warning, after the deadline',
  },
  // Change Grow Live Outreach has sent nothing by the time the pack is made: it shows as missing.
];

/** After the pack is made: a late return that revises the quarter. */
export const LATE_UPLOADS: readonly DemoUpload[] = [
  {
    provider: 'cgl-outreach',
    daysAfterQuarterEnd: 25,
    values: {
      floatingSupport: {
        referralsFromHousingOptions: 2,
        referralsSelf: 4,
        referralsFromRegisteredProvider: 0,
        referralsOther: 1,
        referralsReceived: 7,
        referralsAccepted: 6,
        newStarts: 6,
        caseloadAtQuarterEnd: 13,
        householdsSingle: 13,
        householdsFamily: 0,
        closuresPreventionSustained: 2,
        closuresPreventionAlternative: 1,
        closuresReliefSecured: 0,
        closuresTenancyFailed: 0,
        closuresLostContact: 2,
        closuresDeclined: 0,
        closuresMovedAway: 0,
        closuresOther: 0,
        closuresTotal: 5,
        referralsToHousingOptions: 2,
        dutyPreventionAccepted: 1,
        dutyReliefAccepted: 1,
        dutyMainAccepted: 0,
        dutyNotAccepted: 0,
        tenanciesConvertedToGeneralNeeds: 0,
        commentary: null,
      },
    },
    story: 'late, after the pack was made',
  },
];

/** The quarter before: every return on time, so the latest pack has a quarter to compare with. */
export const PREVIOUS_QUARTER_UPLOADS: readonly DemoUpload[] = [
  {
    provider: 'lcr-assertive-outreach',
    daysAfterQuarterEnd: 7,
    values: {
      roughSleeping: {
        flowNew: 5,
        flowReturner: 5,
        flowLongTerm: 7,
        peopleSeen: 17,
        localitySouthport: 6,
        localityFormby: 1,
        localityAinsdale: 0,
        localityCrosby: 2,
        localityWaterloo: 0,
        localityMaghull: 0,
        localityBootle: 6,
        localityLitherland: 1,
        localityNetherton: 1,
        localityOther: 0,
        genderMale: 14,
        genderFemale: 3,
        genderOther: 0,
        genderNotKnown: 0,
        age18to25: 2,
        age26to35: 5,
        age36to45: 5,
        age46to55: 3,
        age56plus: 2,
        ageNotKnown: 0,
        nationalityUk: 15,
        nationalityEu: 1,
        nationalityNonEu: 1,
        nationalityNotKnown: 0,
        noRecourseToPublicFunds: 1,
        outcomeEmergencyBed: 4,
        outcomeSupportedHousing: 3,
        outcomeHousingFirst: 1,
        outcomePrivateRented: 1,
        outcomeSocialHousing: 1,
        outcomeReconnected: 1,
        outcomeStillRoughSleeping: 4,
        outcomeLostContact: 2,
        commentary: null,
      },
    },
    story: 'on time',
  },
  {
    provider: 'riverside-intensive-floating-support',
    daysAfterQuarterEnd: 9,
    values: {
      floatingSupport: {
        ...riversideIntensive,
        referralsFromHousingOptions: 16,
        referralsFromRegisteredProvider: 7,
        referralsReceived: 30,
        referralsAccepted: 26,
        newStarts: 22,
        caseloadAtQuarterEnd: 55,
        householdsSingle: 40,
        householdsFamily: 15,
        closuresPreventionSustained: 11,
        closuresPreventionAlternative: 4,
        closuresLostContact: 2,
        closuresTotal: 24,
        referralsToHousingOptions: 8,
        dutyPreventionAccepted: 4,
        tenanciesConvertedToGeneralNeeds: 3,
        commentary: null,
      },
    },
    story: 'on time',
  },
  {
    provider: 'riverside-families-project',
    daysAfterQuarterEnd: 11,
    values: { floatingSupport: familiesProject },
    story: 'on time',
  },
  {
    provider: 'sit-up-emergency-beds',
    daysAfterQuarterEnd: 12,
    values: {
      accommodation: {
        ...emergencyBeds,
        bedsOccupied: 27,
        overstayers: 11,
        dormitorySpaces: 8,
        averageNightsEmergencyBed: 27,
      },
    },
    story: 'on time',
  },
  {
    provider: 'athena-house',
    daysAfterQuarterEnd: 13,
    values: { floatingSupport: { ...athenaHouse, householdsFamily: 3, commentary: null }, accommodation: refuge },
    story: 'on time',
  },
  {
    provider: 'cgl-outreach',
    daysAfterQuarterEnd: 14,
    values: {
      floatingSupport: {
        referralsFromHousingOptions: 2,
        referralsSelf: 3,
        referralsFromRegisteredProvider: 0,
        referralsOther: 1,
        referralsReceived: 6,
        referralsAccepted: 5,
        newStarts: 5,
        caseloadAtQuarterEnd: 12,
        householdsSingle: 12,
        householdsFamily: 0,
        closuresPreventionSustained: 1,
        closuresPreventionAlternative: 1,
        closuresReliefSecured: 0,
        closuresTenancyFailed: 0,
        closuresLostContact: 2,
        closuresDeclined: 0,
        closuresMovedAway: 0,
        closuresOther: 0,
        closuresTotal: 4,
        referralsToHousingOptions: 1,
        dutyPreventionAccepted: 1,
        dutyReliefAccepted: 0,
        dutyMainAccepted: 0,
        dutyNotAccepted: 0,
        tenanciesConvertedToGeneralNeeds: 0,
        commentary: null,
      },
    },
    story: 'on time',
  },
  { provider: 'sefton-council', daysAfterQuarterEnd: 14, values: { actionPlan: {} }, story: 'action plan as it stood' },
];

/** The same returns with the council's annual rough sleeping snapshot, taken one November night. */
export function withSnapshot(uploads: readonly DemoUpload[], financialYearStart: number): DemoUpload[] {
  return uploads.map((upload) =>
    upload.provider === 'sefton-council'
      ? {
          ...upload,
          values: {
            ...upload.values,
            roughSleepingSnapshot: {
              snapshotDate: `${financialYearStart}-11-12`,
              snapshotMethod: 'Estimate with spotlight count',
              snapshotCount: 7,
              snapshotVerified: 'Yes',
              snapshotVerifiedBy: 'Homeless Link',
            },
          },
          story: 'with the annual snapshot',
        }
      : upload,
  );
}
