import type { SectionId } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import type { Quarter, QuarterNumber } from '#core/quarter.ts';
import { breakdownParts, type ContractGroup } from '#core/report-contract.ts';
import type { ReturnDefinition } from '#core/return-definition.ts';

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

const cglOutreach = {
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
};

/** After the pack is made: a late return that revises the quarter. */
export const LATE_UPLOADS: readonly DemoUpload[] = [
  {
    provider: 'cgl-outreach',
    daysAfterQuarterEnd: 25,
    values: { floatingSupport: cglOutreach },
    story: 'late, after the pack was made',
  },
];

/**
 * Mulberry32: a small seeded generator, so the demo's figures are the same on every run and
 * machine (Math.random cannot be seeded).
 */
function seeded(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state ^ char.charCodeAt(0), 2654435761) + 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits a whole number into parts in roughly the proportions given (each nudged by up to 20%),
 * by largest remainder, so the parts always add up to the total exactly.
 */
function split(total: number, shares: readonly number[], random: () => number): number[] {
  const weights = shares.map((share) => share * (0.8 + 0.4 * random()));
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  const left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < left; i += 1) {
    const index = order[i % order.length]?.index ?? 0;
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts;
}

function record(keys: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(keys.map((key, index) => [key, values[index] ?? 0]));
}

/** Rough sleeping is seen most in autumn and least in spring; referrals dip over the summer. */
const ROUGH_SLEEPING_SEASON: Record<QuarterNumber, number> = { 1: 0.8, 2: 0.95, 3: 1.1, 4: 1.0 };
const REFERRAL_SEASON: Record<QuarterNumber, number> = { 1: 1.0, 2: 0.92, 3: 1.05, 4: 1.1 };

/** Quarters between two quarters (negative for earlier ones). */
function quartersApart(from: Quarter, to: Quarter): number {
  return (to.financialYearStart - from.financialYearStart) * 4 + (to.number - from.number);
}

/** An outreach team's quarter: more people seen in autumn, a little more each year. */
function outreachQuarter(
  definition: ReturnDefinition,
  quarter: Quarter,
  growth: number,
  random: () => number,
): Record<string, MeasureValue> {
  const peopleSeen = Math.round(21 * ROUGH_SLEEPING_SEASON[quarter.number] * growth * (0.95 + 0.1 * random()));
  const parts = (group: ContractGroup<'roughSleeping'>) => breakdownParts(definition, 'roughSleeping', group);
  // Each breakdown of people seen, in the latest quarter's proportions.
  const like = (group: ContractGroup<'roughSleeping'>) => {
    const ids = parts(group);
    return record(
      ids,
      split(
        peopleSeen,
        ids.map((id) => outreach[id as keyof typeof outreach] as number),
        random,
      ),
    );
  };
  // Winter brings more people new to the streets; spring more who have been out before.
  const newShare = quarter.number === 3 || quarter.number === 4 ? 1.3 : 0.8;
  return {
    ...record(parts('flows'), split(peopleSeen, [9 * newShare, 6, 8], random)),
    peopleSeen,
    ...like('localities'),
    ...like('gender'),
    ...like('age'),
    ...like('nationality'),
    noRecourseToPublicFunds: Math.round(peopleSeen * 0.08),
    ...like('outcomes'),
    commentary: null,
  };
}

/**
 * A floating support service's quarter, shaped like its latest one: referrals follow the season,
 * the caseload builds through the year and falls back as cases close in the spring.
 */
function floatingSupportQuarter(
  definition: ReturnDefinition,
  latest: Record<string, MeasureValue>,
  quarter: Quarter,
  growth: number,
  random: () => number,
): Record<string, MeasureValue> {
  const figure = (key: string) => latest[key] as number;
  const parts = (group: ContractGroup<'floatingSupport'>) => breakdownParts(definition, 'floatingSupport', group);
  const sources = parts('referralSources');
  const closures = parts('closures');
  // The duty decisions made on the households referred to Housing Options.
  const duties = parts('housingOptions').filter((id) => id !== 'referralsToHousingOptions');
  const of = (keys: readonly string[]) => keys.map((key) => figure(key) + 0.5);
  const referralsReceived = Math.round(
    figure('referralsReceived') * REFERRAL_SEASON[quarter.number] * growth * (0.92 + 0.16 * random()),
  );
  const referralsAccepted = Math.round(referralsReceived * (0.8 + 0.1 * random()));
  const caseloadCycle: Record<QuarterNumber, number> = { 1: 0.9, 2: 1.0, 3: 1.08, 4: 1.02 };
  const caseloadAtQuarterEnd = Math.round(figure('caseloadAtQuarterEnd') * caseloadCycle[quarter.number] * growth);
  const closuresTotal = Math.round((figure('closuresTotal') * caseloadAtQuarterEnd) / figure('caseloadAtQuarterEnd'));
  const referralsToHousingOptions = Math.round(referralsReceived * 0.27);
  const decisions = Math.min(referralsToHousingOptions, Math.round(referralsToHousingOptions * (0.8 + 0.2 * random())));
  const [single = 0, family = 0] = split(caseloadAtQuarterEnd, of(['householdsSingle', 'householdsFamily']), random);
  return {
    ...record(sources, split(referralsReceived, of(sources), random)),
    referralsReceived,
    referralsAccepted,
    newStarts: Math.round(referralsAccepted * 0.9),
    caseloadAtQuarterEnd,
    householdsSingle: single,
    householdsFamily: family,
    ...record(closures, split(closuresTotal, of(closures), random)),
    closuresTotal,
    referralsToHousingOptions,
    ...record(duties, split(decisions, of(duties), random)),
    tenanciesConvertedToGeneralNeeds: Math.round(figure('tenanciesConvertedToGeneralNeeds') * (0.5 + random())),
    commentary: null,
  };
}

/** Beds stay the same; occupancy and people waiting to move on ease in summer and build in winter. */
function accommodationQuarter(
  latest: Record<string, MeasureValue>,
  quarter: Quarter,
  random: () => number,
): Record<string, MeasureValue> {
  const bedSpaces = latest.bedSpaces as number;
  const pressure: Record<QuarterNumber, number> = { 1: 1, 2: 0, 3: 1, 4: 2 };
  const overstayers = (latest.overstayers as number) + pressure[quarter.number];
  const bedsOccupied = Math.max(overstayers, Math.min(bedSpaces, bedSpaces - 2 + pressure[quarter.number]));
  const nights = latest.averageNightsEmergencyBed;
  return {
    bedSpaces,
    bedsOccupied,
    overstayers,
    dormitorySpaces: latest.dormitorySpaces ?? null,
    averageNightsEmergencyBed:
      typeof nights === 'number'
        ? Math.round(nights * (0.9 + 0.1 * pressure[quarter.number] + 0.1 * random()) * 10) / 10
        : null,
    commentary: null,
  };
}

/**
 * A past quarter's returns, every one on time: figures that move as real services do (seasonal
 * rough sleeping, caseloads that build and fall, a little growth year on year), shaped like the
 * latest quarter's and the same on every run (seeded by quarter and provider).
 */
export function pastQuarterUploads(definition: ReturnDefinition, quarter: Quarter, latest: Quarter): DemoUpload[] {
  const growth = 1 + 0.03 * quartersApart(latest, quarter);
  const random = (provider: string) => seeded(`${quarter.id}/${provider}`);
  const floating = (provider: string, figures: Record<string, MeasureValue>) =>
    floatingSupportQuarter(definition, figures, quarter, growth, random(provider));
  return [
    {
      provider: 'lcr-assertive-outreach',
      daysAfterQuarterEnd: 7,
      values: { roughSleeping: outreachQuarter(definition, quarter, growth, random('lcr-assertive-outreach')) },
      story: 'on time',
    },
    {
      provider: 'riverside-intensive-floating-support',
      daysAfterQuarterEnd: 9,
      values: { floatingSupport: floating('riverside-intensive-floating-support', riversideIntensive) },
      story: 'on time',
    },
    {
      provider: 'riverside-families-project',
      daysAfterQuarterEnd: 11,
      values: { floatingSupport: floating('riverside-families-project', familiesProject) },
      story: 'on time',
    },
    {
      provider: 'sit-up-emergency-beds',
      daysAfterQuarterEnd: 12,
      values: { accommodation: accommodationQuarter(emergencyBeds, quarter, random('sit-up-emergency-beds')) },
      story: 'on time',
    },
    {
      provider: 'athena-house',
      daysAfterQuarterEnd: 13,
      values: {
        floatingSupport: floating('athena-house', { ...athenaHouse, householdsFamily: 3 }),
        accommodation: refuge,
      },
      story: 'on time',
    },
    {
      provider: 'cgl-outreach',
      daysAfterQuarterEnd: 14,
      values: { floatingSupport: floating('cgl-outreach', cglOutreach) },
      story: 'on time',
    },
    {
      provider: 'sefton-council',
      daysAfterQuarterEnd: 14,
      values: { actionPlan: {} },
      story: 'action plan as it stood',
    },
  ];
}

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
