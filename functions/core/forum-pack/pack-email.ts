import type { Council } from '../council.ts';
import type { OfficerEmail, ReportFile } from '../ports.ts';
import type { ForumPack } from './forum-pack.ts';

/** The email that takes the forum pack to officers: what it is, its headline figures, and the files. */
export function packEmail(council: Council, pack: ForumPack, files: readonly ReportFile[]): OfficerEmail {
  const headlines = pack.sections.find((s) => s.id === 'headlines')?.cards ?? [];
  const revised = (pack.revision ?? 1) > 1 ? ` (revised, revision ${pack.revision})` : '';
  return {
    from: council.notifications.from,
    to: council.notifications.officers,
    subject: `${council.forum} pack: ${pack.quarter.label}${revised}`,
    text: [
      `The ${council.forum} pack for ${pack.quarter.label} (${pack.quarter.months}) is attached as PDF and Excel, with the draft Overview & Scrutiny report.`,
      '',
      pack.completeness.statement,
      ...(pack.revisionNote ? ['', pack.revisionNote] : []),
      '',
      'Headline figures:',
      ...headlines.map((h) => `- ${h.label}: ${h.value} (${h.note})`),
      '',
      'The scrutiny report stays a draft until it is approved for publication.',
    ].join('\n'),
    attachments: files.map((file) => ({
      filename: file.key.split('/').pop() as string,
      content: file.body,
      contentType: file.contentType,
    })),
  };
}
