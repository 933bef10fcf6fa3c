/**
 * The headline figures the forum follows quarter by quarter: each is kept with every quarter's
 * figures, so trends and comparisons read stored figures and never recompute old quarters.
 */
export const HEADLINES = [
  { id: 'peopleSeenRoughSleeping', label: 'People seen sleeping rough', format: 'count' },
  { id: 'newRoughSleepers', label: 'People new to rough sleeping', format: 'count' },
  { id: 'floatingSupportReferrals', label: 'Floating support referrals received', format: 'count' },
  { id: 'householdsSupported', label: 'Households supported at quarter end', format: 'count' },
  { id: 'casesClosed', label: 'Floating support cases closed', format: 'count' },
  { id: 'preventionRate', label: 'Closures ending in prevention', format: 'percent' },
  { id: 'bedSpaces', label: 'Bed spaces', format: 'count' },
  { id: 'occupancyRate', label: 'Bed spaces occupied', format: 'percent' },
  { id: 'overstayers', label: 'People waiting to move on', format: 'count' },
  { id: 'actionsComplete', label: 'Actions complete', format: 'count' },
  { id: 'actionsRed', label: 'Actions red (off track)', format: 'count' },
  { id: 'returnsReceived', label: 'Returns received', format: 'count' },
] as const;

export type HeadlineId = (typeof HEADLINES)[number]['id'];

/** A headline's definition; every id is one of HEADLINES, so a miss is a bug. */
export function headlineOf(id: HeadlineId): (typeof HEADLINES)[number] {
  const headline = HEADLINES.find((h) => h.id === id);
  if (!headline) throw new Error(`No headline ${id} in HEADLINES`);
  return headline;
}
export type Headlines = Readonly<Record<HeadlineId, number | null>>;
