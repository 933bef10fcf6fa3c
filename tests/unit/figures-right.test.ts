import { beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '#adapters/chromium-pdf-printer.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { parseRunRequest, quarterToRun } from '#commons/run-request.ts';
import { rollUp } from '#core/combined-authority.ts';
import { actionPlanSection } from '#core/forum-pack/action-plan-section.ts';
import { changeText, percentText } from '#core/forum-pack/figures-wording.ts';
import { buildForumPack } from '#core/forum-pack/forum-pack.ts';
import type { PackInput } from '#core/forum-pack/pack-types.ts';
import { headlineComparisons } from '#core/headline-comparisons.ts';
import type { Headlines } from '#core/headlines.ts';
import type { MeasureValue, ReturnRow } from '#core/provider-return.ts';
import { parseQuarter } from '#core/quarter.ts';
import { aggregateQuarter, type CurrentSubmission } from '#core/quarter-figures.ts';
import { formatCell } from '#core/report-table.ts';
import { actionMeasureId, findSection, measureCells, ReturnDefinitionSchema } from '#core/return-definition.ts';
import { roundHalfUp, wholePercent } from '#core/round-half-up.ts';
import { printPack } from '../../functions/render/render-quarter-reports.ts';
import definitionJson from '../../templates/councils/sefton/return-definition.json' with { type: 'json' };
import { readPdf } from '../support/read-pdf.ts';
import { GOOD_FLOATING_SUPPORT, GOOD_OUTREACH, SEFTON_ACTIONS, sefton } from '../support/sefton.ts';
import { readWorkbookSheets, type SheetRows } from '../support/workbook.ts';

const quarter = parseQuarter('2025-26-Q2');

function rows(section: string, values: Record<string, MeasureValue>): ReturnRow[] {
  const definition = findSection(sefton.definition, section);
  if (!definition) throw new Error(`no section ${section}`);
  return [...measureCells(definition, SEFTON_ACTIONS).values()].map(({ id, measure, cell }) => ({
    section: section as ReturnRow['section'],
    measure: definition.layout === 'actions' ? id : measure.id,
    value: values[id] ?? null,
    cell,
  }));
}

function submission(provider: string, uploadId: string): CurrentSubmission {
  return {
    provider,
    uploadId,
    objectKey: `returns/sefton/${provider}/${uploadId}.xlsx`,
    receivedAt: '2025-10-08T09:00:00.000Z',
    warnings: 0,
  };
}

/** 23 of 40 closures ended in prevention: exactly 57.5%. */
const PREVENTION_23_OF_40 = {
  ...GOOD_FLOATING_SUPPORT,
  closuresPreventionSustained: 20,
  closuresPreventionAlternative: 3,
  closuresReliefSecured: 5,
  closuresTenancyFailed: 4,
  closuresLostContact: 4,
  closuresDeclined: 2,
  closuresMovedAway: 1,
  closuresOther: 1,
  closuresTotal: 40,
};

function packInput(
  returns: { provider: string; section: string; values: Record<string, MeasureValue> }[],
  lastQuarter: Partial<Headlines> = {},
): PackInput {
  const figures = aggregateQuarter({
    council: sefton.council,
    quarter,
    definition: sefton.definition,
    actionPlan: sefton.actionPlan,
    providers: sefton.register.providers,
    previous: undefined,
    submissions: returns.map((r, i) => submission(r.provider, `u${i}`)),
    rowsByUpload: new Map(returns.map((r, i) => [`u${i}`, rows(r.section, r.values)])),
  });
  const earlier = new Map([['2025-26-Q1', { ...figures.headlines, ...lastQuarter } as Headlines]]);
  return {
    council: sefton.council,
    quarter,
    definition: sefton.definition,
    actionPlan: sefton.actionPlan,
    stored: { figures, revision: 1, generatedAt: '2025-10-20T06:00:00.000Z' },
    comparisons: headlineComparisons(quarter, figures.headlines, earlier),
  };
}

describe('every figure rounds half up on its exact fraction, one way everywhere', () => {
  it('prints 23 of 40 as 58%, in a table cell and in a sentence', () => {
    expect(wholePercent(23 / 40)).toBe(58);
    expect(formatCell(23 / 40, 'percent')).toBe('58%');
    expect(percentText(23 / 40)).toBe('58%');
    expect(formatCell(1 / 8, 'percent')).toBe('13%');
    expect(formatCell(0.15, 'decimal')).toBe('0.2');
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(formatCell(4 / 7, 'percent')).toBe('57%');
  });

  it('reads the change in printed points: 58% against 57% is up 1 point', () => {
    expect(changeText(23 / 40, 4 / 7, 'percent', 'last quarter')).toBe('up 1 point on last quarter');
    expect(changeText(4 / 7, 23 / 40, 'percent', 'last quarter')).toBe('down 1 point on last quarter');
    expect(changeText(0.6, 4 / 7, 'percent', 'last quarter')).toBe('up 3 points on last quarter');
  });

  it('shows the prevention rate card of the pack as 58%, up 1 point on last quarter', () => {
    const input = packInput(
      [{ provider: 'riverside-intensive-floating-support', section: 'floatingSupport', values: PREVENTION_23_OF_40 }],
      { preventionRate: 4 / 7 },
    );

    const pack = buildForumPack(input);

    const card = pack.sections
      .find((s) => s.id === 'headlines')
      ?.cards?.find((c) => c.label === 'Closures ending in prevention');
    expect(card).toEqual({
      label: 'Closures ending in prevention',
      value: '58%',
      note: 'up 1 point on last quarter; no figure for a year ago',
    });
    expect(pack.sections.find((s) => s.id === 'floating-support')?.paragraphs[0]).toContain(
      'Of the 40 cases closed this quarter, 58% ended in prevention',
    );
  });
});

describe('what the pack says where figures are missing, and what it now shows', () => {
  const outreachOnly = packInput(
    [{ provider: 'lcr-assertive-outreach', section: 'roughSleeping', values: { ...GOOD_OUTREACH, commentary: null } }],
    { peopleSeenRoughSleeping: 20 },
  );
  const pack = buildForumPack(outreachOnly);
  const paragraphs = (id: string) => pack.sections.find((s) => s.id === id)?.paragraphs.join(' ') ?? '';

  it('writes a sentence for a missing return, never "not collected bed spaces"', () => {
    expect(paragraphs('accommodation')).toBe(
      'No return from the accommodation providers (Athena House, Sit-Up Emergency Beds) for Quarter 2 2025/26: bed spaces and occupancy are missing, not zero.',
    );
    expect(paragraphs('floating-support')).toContain(
      'No return from the floating support services (Riverside Intensive Floating Support, Riverside Sefton Families Project, Athena House, Change Grow Live Outreach)',
    );
    for (const text of pack.sections.flatMap((s) => s.paragraphs)) {
      expect(text).not.toMatch(/not collected (people|bed|referrals)|not available (of|ended)|not known people/);
    }
  });

  it('says which outreach service sent nothing when none did', () => {
    const none = buildForumPack(packInput([]));
    expect(none.sections.find((s) => s.id === 'rough-sleeping')?.paragraphs[0]).toBe(
      'No return from the outreach service (LCR Assertive Outreach Service) for Quarter 2 2025/26: rough sleeping figures are missing, not zero.',
    );
  });

  it('shows no recourse to public funds, in a sentence and a table', () => {
    const nrpf = GOOD_OUTREACH.noRecourseToPublicFunds as number;
    expect(paragraphs('rough-sleeping')).toContain(`${nrpf} of them had no recourse to public funds.`);
    const table = pack.sections.flatMap((s) => s.tables).find((t) => t.id === 'rough-sleeping-nrpf');
    expect(table?.rows[0]?.slice(0, 2)).toEqual(['People with no recourse to public funds', nrpf]);
  });

  it('shows the single / family household split of floating support', () => {
    const fs = buildForumPack(
      packInput([
        { provider: 'riverside-intensive-floating-support', section: 'floatingSupport', values: GOOD_FLOATING_SUPPORT },
      ]),
    );
    const section = fs.sections.find((s) => s.id === 'floating-support');
    expect(section?.paragraphs).toContain(
      '61 households were supported at quarter end: 44 single people and 17 families.',
    );
    expect(section?.tables.find((t) => t.id === 'floating-support-households')?.rows).toEqual([
      ['of which single households', 44, 44 / 61],
      ['of which families', 17, 17 / 61],
      ['Caseload at quarter end (households)', 61, 1],
    ]);
  });

  it('prints the change on the same quarter last year beside the change on last quarter', () => {
    const input = packInput(
      [
        {
          provider: 'lcr-assertive-outreach',
          section: 'roughSleeping',
          values: { ...GOOD_OUTREACH, commentary: null },
        },
      ],
      { peopleSeenRoughSleeping: 20 },
    );
    const withLastYear = {
      ...input,
      comparisons: headlineComparisons(
        quarter,
        input.stored.figures.headlines,
        new Map([
          ['2025-26-Q1', { ...input.stored.figures.headlines, peopleSeenRoughSleeping: 20 } as Headlines],
          ['2024-25-Q2', { ...input.stored.figures.headlines, peopleSeenRoughSleeping: 30 } as Headlines],
        ]),
      ),
    };
    const headlines = buildForumPack(withLastYear).sections.find((s) => s.id === 'headlines');
    const seen = GOOD_OUTREACH.peopleSeen as number;
    expect(headlines?.cards?.[0]?.note).toBe(`up ${seen - 20} on last quarter; down ${30 - seen} on a year ago`);
    const changes = headlines?.tables.find((t) => t.id === 'headline-changes');
    expect(changes?.rows.find((r) => r[0] === 'People seen sleeping rough')).toEqual([
      'People seen sleeping rough',
      'count',
      seen - 20,
      seen - 30,
    ]);
  });
});

/** Action 1 reported Amber, in progress, due by 30 June 2025: two quarters later it is overdue. */
const OVERDUE_UPDATE = {
  [actionMeasureId(1, 'completion')]: 'In progress',
  [actionMeasureId(1, 'rag')]: 'Amber',
  [actionMeasureId(1, 'commentary')]: 'Waiting for the landlord forum to agree the scheme.',
  [actionMeasureId(1, 'targetDate')]: '2025-06-30',
};

describe('the RAG rule the pack prints is the rule it applies', () => {
  const input = packInput([{ provider: 'sefton-council', section: 'actionPlan', values: OVERDUE_UPDATE }]);
  const section = actionPlanSection(input);
  const table = (id: string) => section.tables.find((t) => t.id === id);
  const ref = sefton.actionPlan.priorities[0]?.objectives[0]?.actions[0]?.ref as string;

  it('shows an overdue, incomplete action as Red (overdue), with the RAG the lead reported beside it', () => {
    const all = table('action-plan-actions');
    const columns = all?.columns.map((c) => c.header) ?? [];
    const row = all?.rows.find((r) => r[0] === ref) ?? [];

    expect(row[columns.indexOf('RAG')]).toBe('Red (overdue)');
    expect(row[columns.indexOf('RAG reported')]).toBe('Amber');
    expect(table('action-plan-red')?.rows.map((r) => r[0])).toContain(ref);
    expect(table('action-plan-overdue')?.rows.map((r) => r[0])).toContain(ref);
  });

  it('counts it as red in the status table and the headlines', () => {
    const baselineRed = sefton.actionPlan.priorities
      .flatMap((p) => p.objectives.flatMap((o) => o.actions))
      .filter((a) => a.rag === 'red').length;
    const status = table('action-plan-status');
    const redColumn = status?.columns.findIndex((c) => c.header === 'Red') ?? -1;

    expect(status?.rows.at(-1)?.[redColumn]).toBe(baselineRed + 1);
    expect(input.stored.figures.headlines.actionsRed).toBe(baselineRed + 1);
    expect(section.paragraphs.join(' ')).toContain('The counts and tables apply this rule');
  });
});

describe('a quarter that has not ended', () => {
  it('gets no figures, pack or publication: the run is refused in plain words', () => {
    const run = parseRunRequest({ council: 'sefton', quarter: '2027-28-Q1' });

    expect(() => quarterToRun(run, sefton.council, new Date('2027-05-01T09:00:00Z'))).toThrow(
      'Quarter 1 2027/28 (Apr–Jun 2027) has not ended yet: it ends on 30 June 2027. Its figures, pack and report can be made once it has ended and its returns are in.',
    );
    expect(quarterToRun(run, sefton.council, new Date('2027-07-01T09:00:00Z')).id).toBe('2027-28-Q1');
  });
});

describe('one contract between the return definition and the reports', () => {
  it('refuses, on loading, a definition without a group or measure the reports read, naming the section and id', () => {
    const broken = structuredClone(definitionJson) as { sections: { id: string; groups?: { id: string }[] }[] };
    const rough = broken.sections.find((s) => s.id === 'roughSleeping');
    rough!.groups = rough!.groups!.filter((g) => g.id !== 'gender');
    const floating = broken.sections.find((s) => s.id === 'floatingSupport') as unknown as {
      groups: { measures: { id: string }[] }[];
    };
    for (const group of floating.groups) group.measures = group.measures.filter((m) => m.id !== 'householdsFamily');

    const result = ReturnDefinitionSchema.safeParse(broken);

    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message);
    expect(messages).toContain('the reports need group "gender" in section "roughSleeping", which is not declared');
    expect(messages).toContain(
      'the reports need measure "householdsFamily" in section "floatingSupport", which is not declared',
    );
  });

  it('works the prevention rate out once, from the outcome tags, for the quarter, the year and a combined authority', () => {
    const figures = packInput([
      { provider: 'riverside-intensive-floating-support', section: 'floatingSupport', values: PREVENTION_23_OF_40 },
    ]).stored.figures;

    expect(figures.floatingSupport.preventionClosures).toBe(23);
    expect(rollUp('2025-26-Q2', ['sefton'], [figures]).combined.preventionRate).toBe(23 / 40);
  });
});

describe('as a person reads them: the printed pack and its workbook', () => {
  const input = packInput(
    [
      { provider: 'lcr-assertive-outreach', section: 'roughSleeping', values: { ...GOOD_OUTREACH, commentary: null } },
      { provider: 'riverside-intensive-floating-support', section: 'floatingSupport', values: PREVENTION_23_OF_40 },
      { provider: 'sefton-council', section: 'actionPlan', values: OVERDUE_UPDATE },
    ],
    { preventionRate: 4 / 7 },
  );
  let text = '';
  let sheets = new Map<string, SheetRows>();

  beforeAll(async () => {
    const printer = new ChromiumPdfPrinter();
    try {
      const pack = buildForumPack(input);
      const printed = await printPack(
        { templates: new FileTemplates(), printer, clock: systemClock },
        input.council.name,
        pack,
        'forum pack',
      );
      text = (await readPdf(printed.pdf)).pageTexts.join(' ').replace(/\s+/g, ' ');
      sheets = await readWorkbookSheets(printed.xlsx);
    } finally {
      await printer.close();
    }
  }, 120_000);

  it('prints 23 of 40 as 58%, up 1 point on last quarter, and never 57%', () => {
    expect(text).toContain('58% ended in prevention');
    expect(text).toContain('up 1 point on last quarter');
    expect(text).not.toMatch(/\b57(\.5)?% ended in prevention/);
  });

  it('prints no recourse to public funds, the household split and a missing return in words', () => {
    expect(text).toContain(`${GOOD_OUTREACH.noRecourseToPublicFunds} of them had no recourse to public funds.`);
    expect(text).toMatch(/households were supported at quarter end: \d+ single people and \d+ families\./);
    expect(text).toContain('No return from the accommodation providers (Athena House, Sit-Up Emergency Beds)');
    expect(text).not.toMatch(/not collected (people|bed|referrals)|not available (of|ended)|not known people/);
  });

  it('prints the overdue action as Red (overdue) beside the RAG its lead reported, in the PDF and the workbook', () => {
    const ref = sefton.actionPlan.priorities[0]?.objectives[0]?.actions[0]?.ref as string;
    expect(text).toMatch(new RegExp(`${ref.replace(/\./g, '\\.')}[^]*?Red \\(overdue\\)`));
    const row = [...sheets.values()].flat().find((cells) => cells.includes(ref) && cells.includes('Red (overdue)'));
    expect(row).toContain('Amber');
  });
});
