import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TEMPLATES_DIR } from '#adapters/file-templates.ts';
import { actionRows } from '#core/action-plan.ts';
import type { Council } from '#core/council.ts';
import type { CouncilData } from '#core/ports.ts';
import type { Provider, ProviderRegister, SectionId } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import type { Quarter } from '#core/quarter.ts';
import { breakdownParts, type ContractGroup } from '#core/report-contract.ts';
import { providerCsvTemplate } from '../../functions/template/return-csv.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import { sefton } from './sefton.ts';

/**
 * A country's worth of councils, made as data from Sefton's return definition and action plan:
 * each with its own id, name and provider register, written as council folders into a templates
 * directory (TEMPLATES_DIR), and a return for every provider filled in by code. Everything is
 * worked out again from (council, provider) numbers whenever it is needed, so nothing grows with
 * the number of returns: 9,000 returns are never held at once.
 */

type Values = Partial<Record<SectionId, Record<string, MeasureValue>>>;

/** One council of the national quarter: its data as the product loads it, and where it sits in the list. */
export interface NationalCouncil {
  readonly index: number;
  readonly data: CouncilData;
}

/** One provider's return for the quarter, described; `returnBytes` makes the file. */
export interface NationalReturn {
  readonly council: NationalCouncil;
  readonly provider: Provider;
  /** About one provider in three exports CSV from its case-management system; the rest fill in the workbook. */
  readonly format: 'xlsx' | 'csv';
  readonly values: Values;
}

const PLACES = [
  'Ash',
  'Brook',
  'Castle',
  'Dun',
  'Elm',
  'Fair',
  'Glen',
  'Hart',
  'Ivy',
  'Kings',
  'Lang',
  'Marl',
  'North',
  'Oak',
  'Pen',
  'Queens',
  'Red',
  'Stan',
  'Thorn',
  'Wolver',
];
const ENDINGS = [
  'bury',
  'field',
  'ford',
  'ham',
  'ley',
  'mouth',
  'stead',
  'ton',
  'wick',
  'worth',
  'by',
  'chester',
  'dale',
  'minster',
  'pool',
];
const KINDS = ['Borough', 'District', 'City', 'Metropolitan Borough'] as const;

/** The most councils the name lists can tell apart. */
export const MAX_NATIONAL_COUNCILS = PLACES.length * ENDINGS.length;

/** A deterministic random stream (mulberry32), so a council's figures can be made again from its number. */
function randomStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** `total` split into `parts` non-negative whole numbers that add up to it. */
function split(random: () => number, total: number, parts: number): number[] {
  const shares = Array.from({ length: parts }, () => random() + 0.05);
  const sum = shares.reduce((a, b) => a + b, 0);
  const counts = shares.map((share) => Math.floor((share / sum) * total));
  counts[0] = (counts[0] as number) + total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

const fill = (ids: readonly string[], counts: readonly number[]) =>
  Object.fromEntries(ids.map((id, i) => [id, counts[i] as number]));

interface ServiceKind {
  readonly slug: string;
  readonly names: readonly string[];
  readonly service: string;
  readonly sections: readonly SectionId[];
}

const OUTREACH: ServiceKind = {
  slug: 'outreach',
  names: ['Street Outreach', 'Assertive Outreach', 'Rough Sleeper Outreach', 'Night Outreach'],
  service: 'Street outreach to people sleeping rough',
  sections: ['roughSleeping'],
};
const FLOATING: ServiceKind = {
  slug: 'floating-support',
  names: [
    'Floating Support',
    'Tenancy Sustainment',
    'Families Project',
    "Young People's Support",
    'Mental Health Floating Support',
    'Drug and Alcohol Outreach',
    'Hospital Discharge Support',
    'Prison Leavers Support',
    'Housing First',
  ],
  service: 'Floating support and tenancy sustainment',
  sections: ['floatingSupport'],
};
const REFUGE: ServiceKind = {
  slug: 'refuge',
  names: ["Women's Refuge", 'Domestic Abuse Refuge'],
  service: 'Refuge and support for people escaping domestic abuse',
  sections: ['floatingSupport', 'accommodation'],
};
const BEDS: ServiceKind = {
  slug: 'accommodation',
  names: ['Emergency Beds', 'Hostel', 'Supported Housing', 'Foyer', 'Night Shelter'],
  service: 'Emergency beds, hostel and supported accommodation',
  sections: ['accommodation'],
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The council's own provider register: its housing options team, then a mix of services that differs by council. */
function register(councilId: string, place: string, random: () => number, providers: number): ProviderRegister {
  const outreach = between(random, 1, 4);
  const refuges = between(random, 1, 3);
  const beds = between(random, 3, 6);
  const floating = providers - 1 - outreach - refuges - beds;
  const kinds = [
    ...Array<ServiceKind>(outreach).fill(OUTREACH),
    ...Array<ServiceKind>(refuges).fill(REFUGE),
    ...Array<ServiceKind>(beds).fill(BEDS),
    ...Array<ServiceKind>(floating).fill(FLOATING),
  ];
  const seen = new Map<string, number>();
  const services = kinds.map((kind): Provider => {
    const base = kind.names[between(random, 0, kind.names.length - 1)] as string;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = `${place} ${base}${n > 1 ? ` ${n}` : ''}`;
    return { id: slug(`${base} ${n}`), name, service: kind.service, sections: [...kind.sections] };
  });
  const council: Provider = {
    id: `${councilId}-council`,
    name: `${place} Council Housing Options`,
    service: 'Annual rough sleeping snapshot and action-plan updates',
    sections: ['roughSleepingSnapshot', 'actionPlan'],
  };
  return { council: councilId, providers: [council, ...services] };
}

/** Sefton's definition and plan with the council's own place name where Sefton's stood. */
function renamed<T>(value: T, place: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll('Sefton', place)) as T;
}

/**
 * `count` councils, each with `providersPerCouncil` providers (the first is the council's own
 * housing options team, which returns the action plan).
 */
export function nationalCouncils(count: number, providersPerCouncil = 30): NationalCouncil[] {
  if (count > MAX_NATIONAL_COUNCILS) throw new Error(`At most ${MAX_NATIONAL_COUNCILS} councils can be named`);
  if (providersPerCouncil < 12) throw new Error('A national council has at least 12 providers');
  return Array.from({ length: count }, (_, index) => {
    const place = `${PLACES[index % PLACES.length]}${ENDINGS[Math.floor(index / PLACES.length)]}`;
    const id = slug(place);
    const random = randomStream(index * 7919 + 17);
    const kind = KINDS[index % KINDS.length] as string;
    // A request log is a council's own choice, and these councils keep none (their folders hold no requests.json).
    const { requestLog: _none, ...seftonCouncil } = sefton.council;
    const council: Council = {
      ...seftonCouncil,
      id,
      name: `${place} ${kind} Council`,
      scrutiny: {
        ...sefton.council.scrutiny,
        meetingDaysAfterQuarterEnd: between(random, 35, 60),
      },
      notifications: {
        from: `Homelessness reporting <homelessness.reporting@${id}.example.gov.uk>`,
        officers: [`Homelessness Commissioner <homelessness.commissioner@${id}.example.gov.uk>`],
      },
    };
    return {
      index,
      data: {
        council,
        register: register(id, place, random, providersPerCouncil),
        definition: renamed(sefton.definition, place),
        actionPlan: { ...renamed(sefton.actionPlan, place), council: id },
      },
    };
  });
}

/**
 * A templates directory holding the repository's templates (Sefton included) and every council's
 * folder: council.json, providers.json, return-definition.json and action-plan.json.
 */
export async function writeNationalTemplates(dir: string, councils: readonly NationalCouncil[]): Promise<void> {
  await cp(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  for (const { data } of councils) {
    const folder = join(dir, 'councils', data.council.id);
    await mkdir(folder, { recursive: true });
    await Promise.all([
      writeFile(join(folder, 'council.json'), JSON.stringify(data.council, null, 2)),
      writeFile(join(folder, data.council.providerRegister), JSON.stringify(data.register, null, 2)),
      writeFile(join(folder, data.council.returnDefinition), JSON.stringify(data.definition, null, 2)),
      writeFile(join(folder, data.council.actionPlan), JSON.stringify(data.actionPlan, null, 2)),
    ]);
  }
}

/** A breakdown's parts by measure id, read from Sefton's return definition, which every council here shares. */
const roughSleepingParts = (group: ContractGroup<'roughSleeping'>) =>
  breakdownParts(sefton.definition, 'roughSleeping', group);
const floatingSupportParts = (group: ContractGroup<'floatingSupport'>) =>
  breakdownParts(sefton.definition, 'floatingSupport', group);
/** `total` split across a breakdown's parts. */
const spread = (random: () => number, ids: readonly string[], total: number) =>
  fill(ids, split(random, total, ids.length));

function roughSleeping(random: () => number): Record<string, MeasureValue> {
  const seen = between(random, 4, 45);
  return {
    peopleSeen: seen,
    ...spread(random, roughSleepingParts('flows'), seen),
    ...spread(random, roughSleepingParts('localities'), seen),
    ...spread(random, roughSleepingParts('gender'), seen),
    ...spread(random, roughSleepingParts('age'), seen),
    ...spread(random, roughSleepingParts('nationality'), seen),
    noRecourseToPublicFunds: between(random, 0, Math.floor(seen / 4)),
    ...spread(random, roughSleepingParts('outcomes'), seen),
    commentary: random() < 0.3 ? 'More people were seen in the town centre after the summer.' : null,
  };
}

function floatingSupport(random: () => number): Record<string, MeasureValue> {
  const received = between(random, 3, 60);
  const accepted = between(random, 0, received);
  const starts = between(random, 0, accepted);
  const caseload = between(random, 5, 90);
  const closures = between(random, 0, Math.min(caseload + starts, 40));
  const toHousingOptions = between(random, 0, 15);
  // The duty decisions made on the households referred to Housing Options.
  const duties = floatingSupportParts('housingOptions').filter((id) => id !== 'referralsToHousingOptions');
  return {
    ...spread(random, floatingSupportParts('referralSources'), received),
    referralsReceived: received,
    referralsAccepted: accepted,
    newStarts: starts,
    caseloadAtQuarterEnd: caseload,
    ...fill(['householdsSingle', 'householdsFamily'], split(random, caseload, 2)),
    ...spread(random, floatingSupportParts('closures'), closures),
    closuresTotal: closures,
    referralsToHousingOptions: toHousingOptions,
    ...spread(random, duties, between(random, 0, toHousingOptions)),
    tenanciesConvertedToGeneralNeeds: between(random, 0, 5),
    commentary: random() < 0.2 ? 'Referrals from registered providers rose after arrears meetings began.' : null,
  };
}

function accommodation(random: () => number): Record<string, MeasureValue> {
  const beds = between(random, 4, 40);
  const occupied = between(random, 0, beds);
  return {
    bedSpaces: beds,
    bedsOccupied: occupied,
    overstayers: between(random, 0, occupied),
    dormitorySpaces: between(random, 0, Math.floor(beds / 3)),
    averageNightsEmergencyBed: random() < 0.5 ? between(random, 20, 400) / 10 : null,
    commentary: null,
  };
}

/** The council's action leads move one action on, with a commentary. */
function actionPlanUpdate(random: () => number, data: CouncilData): Record<string, MeasureValue> {
  const actions = actionRows(data.actionPlan).length;
  const moved = between(random, 1, actions);
  return {
    [`action${moved}.rag`]: random() < 0.5 ? 'Green' : 'Amber',
    [`action${moved}.commentary`]: 'Reviewed at the quarterly partnership forum.',
  };
}

/** What a provider returns this quarter, made again the same from the council and provider numbers. */
export function nationalReturn(council: NationalCouncil, providerIndex: number): NationalReturn {
  const provider = council.data.register.providers[providerIndex];
  if (!provider) throw new Error(`${council.data.council.id} has no provider number ${providerIndex}`);
  const random = randomStream(council.index * 104_729 + providerIndex * 31 + 1);
  const values: Values = {};
  for (const section of provider.sections) {
    if (section === 'roughSleeping') values.roughSleeping = roughSleeping(random);
    if (section === 'floatingSupport') values.floatingSupport = floatingSupport(random);
    if (section === 'accommodation') values.accommodation = accommodation(random);
    if (section === 'actionPlan') values.actionPlan = actionPlanUpdate(random, council.data);
  }
  return { council, provider, format: random() < 1 / 3 ? 'csv' : 'xlsx', values };
}

/** Every return of every council, one at a time: nothing is held. */
export function* nationalReturns(councils: readonly NationalCouncil[]): Generator<NationalReturn> {
  for (const council of councils) {
    for (let i = 0; i < council.data.register.providers.length; i += 1) yield nationalReturn(council, i);
  }
}

/** The return's file, as the provider uploads it: the pre-filled workbook filled in, or the same as CSV. */
export async function returnBytes(ret: NationalReturn, quarter: Quarter): Promise<Uint8Array> {
  if (ret.format === 'csv')
    return new TextEncoder().encode(providerCsvTemplate(ret.council.data, ret.provider, quarter, ret.values));
  return providerTemplate(ret.council.data, ret.provider, quarter, ret.values);
}

/** A council's quarter totals as its pack should show them, added up from the returns made for it. */
export interface ExpectedTotals {
  readonly returns: number;
  readonly peopleSeen: number;
  readonly newRoughSleepers: number;
  readonly referrals: number;
  readonly caseload: number;
  readonly closures: number;
  readonly bedSpaces: number;
  readonly overstayers: number;
}

export function expectedTotals(council: NationalCouncil): ExpectedTotals {
  const totals = {
    returns: 0,
    peopleSeen: 0,
    newRoughSleepers: 0,
    referrals: 0,
    caseload: 0,
    closures: 0,
    bedSpaces: 0,
    overstayers: 0,
  };
  const count = (value: MeasureValue | undefined) => (typeof value === 'number' ? value : 0);
  for (const { values } of nationalReturns([council])) {
    totals.returns += 1;
    totals.peopleSeen += count(values.roughSleeping?.peopleSeen);
    totals.newRoughSleepers += count(values.roughSleeping?.flowNew);
    totals.referrals += count(values.floatingSupport?.referralsReceived);
    totals.caseload += count(values.floatingSupport?.caseloadAtQuarterEnd);
    totals.closures += count(values.floatingSupport?.closuresTotal);
    totals.bedSpaces += count(values.accommodation?.bedSpaces);
    totals.overstayers += count(values.accommodation?.overstayers);
  }
  return totals;
}
