import { ConditionalCheckFailedException, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { PrintedQuarter } from '#core/disclosure/earlier-publications.ts';
import type { StoredFigures } from '#core/forum-pack/forum-pack.ts';
import type { Headlines } from '#core/headlines.ts';
import type {
  PublishedReport,
  RecordedUpload,
  ReturnStore,
  UploadClaim,
  UploadRecord,
  UploadState,
} from '#core/ports.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import type { CurrentSubmission } from '#core/quarter-figures.ts';
import type { ReportApproval } from '#core/report-approval.ts';

/**
 * The single table. Every key starts with the council, so one table serves a combined authority.
 *   pk COUNCIL#<council>#QUARTER#<quarter>
 *     sk UPLOAD#<provider>#<uploadId>                 every upload, its outcome and state (pending → finished)
 *     sk ROW#<provider>#<uploadId>#<section>           one section of an accepted upload: its figures
 *                                                      and their cells, with provenance
 *     sk SUBMISSION#<provider>                         the provider's current accepted upload
 *     sk FIGURES                                       the quarter's aggregated figures and revision
 *     sk REMINDER#<provider>#<reason>                  a scheduled reminder sent (due soon / missing): sent once
 *     sk APPROVAL                                      an officer's approval of its scrutiny report: who, when,
 *                                                      which revision, approved → published
 *     sk PRINTED#<publishedAt>                         what a published report printed of this quarter's figures
 *                                                      (its own, or as a comparison column), hidden ones included
 *   pk COUNCIL#<council>#PUBLISHED
 *     sk QUARTER#<quarter>                             a scrutiny report published on the public site
 *   pk COUNCIL#<council>#HEADLINES
 *     sk QUARTER#<quarter>                             a quarter's headline figures, for trends
 * Every read is a Query or GetItem on one quarter's partition.
 */
export class DynamoDbReturnStore implements ReturnStore {
  /** Capacity units consumed by this store's calls, as DynamoDB reported them (ReturnConsumedCapacity). */
  readonly consumed = { read: 0, write: 0 };

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly backoff: (attempt: number) => Promise<void> = exponentialBackoff,
  ) {}

  async uploadRecord(
    council: string,
    quarter: string,
    provider: string,
    uploadId: string,
  ): Promise<RecordedUpload | undefined> {
    const item = await this.item(quarterKey(council, quarter), `UPLOAD#${provider}#${uploadId}`);
    return item ? toRecordedUpload(item) : undefined;
  }

  async claimUpload(record: UploadRecord): Promise<UploadClaim> {
    try {
      const result = await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: uploadItem(record, 'pending'),
          // A pending upload of the same object may be written again (a retry); nothing else may.
          ConditionExpression: 'attribute_not_exists(sk) OR (objectETag = :eTag AND #state = :pending)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':eTag': record.objectETag, ':pending': 'pending' },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.count(result.ConsumedCapacity, 'write');
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const held = await this.uploadRecord(record.council, record.quarter, record.provider, record.uploadId);
    // A record from before entity tags were kept is taken to be this object's, finished.
    return held && (held.objectETag ?? record.objectETag) !== record.objectETag ? 'held-by-another-object' : 'finished';
  }

  async saveRows(record: UploadRecord, rows: readonly ReturnRow[]): Promise<void> {
    await this.batchPut(sectionItems(quarterKey(record.council, record.quarter), record, rows));
  }

  async makeCurrent(record: UploadRecord): Promise<boolean> {
    try {
      const result = await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: quarterKey(record.council, record.quarter),
            sk: `SUBMISSION#${record.provider}`,
            provider: record.provider,
            ...record.provenance,
            warnings: record.warnings,
          },
          // The later upload wins whatever order the events arrive in; the same upload may rewrite itself.
          ConditionExpression:
            'attribute_not_exists(sk) OR receivedAt < :receivedAt OR (receivedAt = :receivedAt AND uploadId <= :uploadId)',
          ExpressionAttributeValues: { ':receivedAt': record.provenance.receivedAt, ':uploadId': record.uploadId },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.count(result.ConsumedCapacity, 'write');
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async finishUpload(record: UploadRecord): Promise<void> {
    const result = await this.db.send(
      new PutCommand({ TableName: this.table, Item: uploadItem(record, 'finished'), ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.count(result.ConsumedCapacity, 'write');
  }

  async currentSubmissions(council: string, quarter: string): Promise<CurrentSubmission[]> {
    const items = await this.query(quarterKey(council, quarter), 'SUBMISSION#');
    return items.map(toSubmission);
  }

  async recordedUploads(council: string, quarter: string): Promise<RecordedUpload[]> {
    const items = await this.query(quarterKey(council, quarter), 'UPLOAD#');
    return items.map(toRecordedUpload);
  }

  async uploadsOf(council: string, quarter: string, provider: string): Promise<RecordedUpload[]> {
    const items = await this.query(quarterKey(council, quarter), `UPLOAD#${provider}#`);
    return items.map(toRecordedUpload);
  }

  async currentSubmission(council: string, quarter: string, provider: string): Promise<CurrentSubmission | undefined> {
    const item = await this.item(quarterKey(council, quarter), `SUBMISSION#${provider}`);
    return item ? toSubmission(item) : undefined;
  }

  async rowsOf(council: string, quarter: string, submission: CurrentSubmission): Promise<ReturnRow[]> {
    const items = await this.query(quarterKey(council, quarter), `ROW#${submission.provider}#${submission.uploadId}#`);
    return items.flatMap((item) => {
      const values = item.values as Record<string, ReturnRow['value']>;
      const cells = item.cells as Record<string, string>;
      return Object.keys(cells).map((measure) => ({
        section: item.section as ReturnRow['section'],
        measure,
        value: values[measure] ?? null,
        cell: cells[measure] as string,
      }));
    });
  }

  async getFigures(council: string, quarter: string): Promise<StoredFigures | undefined> {
    const item = await this.item(quarterKey(council, quarter), 'FIGURES');
    if (!item) return undefined;
    return {
      figures: JSON.parse(item.figures as string),
      revision: item.revision as number,
      generatedAt: item.generatedAt as string,
    };
  }

  async putFigures(stored: StoredFigures): Promise<void> {
    const { council, quarter, headlines } = stored.figures;
    await this.batchPut([
      {
        pk: quarterKey(council, quarter),
        sk: 'FIGURES',
        // Kept as JSON text: DynamoDB maps do not keep key order, and figures are compared whole.
        figures: JSON.stringify(stored.figures),
        revision: stored.revision,
        generatedAt: stored.generatedAt,
      },
      { pk: headlinesKey(council), sk: `QUARTER#${quarter}`, quarter, headlines, revision: stored.revision },
    ]);
  }

  async recordPublished(report: PublishedReport): Promise<void> {
    await this.batchPut([{ pk: publishedKey(report.council), sk: `QUARTER#${report.quarter}`, ...report }]);
  }

  async publishedReports(council: string): Promise<PublishedReport[]> {
    const items = await this.query(publishedKey(council), 'QUARTER#');
    return items.map(({ pk, sk, ...report }) => report as unknown as PublishedReport);
  }

  async recordPrintedQuarters(council: string, printed: readonly PrintedQuarter[], publishedAt: string): Promise<void> {
    await this.batchPut(
      printed.map((quarter) => ({
        pk: quarterKey(council, quarter.quarter),
        sk: `PRINTED#${publishedAt}`,
        revision: quarter.revision,
        // Kept as JSON text, as the figures are: a few hundred figures and relations, read back whole.
        printed: JSON.stringify(quarter),
      })),
    );
  }

  async printedQuartersOf(council: string, quarter: string): Promise<PrintedQuarter[]> {
    const items = await this.query(quarterKey(council, quarter), 'PRINTED#');
    return items.map((item) => JSON.parse(item.printed as string) as PrintedQuarter);
  }

  async recordApproval(approval: ReportApproval): Promise<void> {
    await this.batchPut([{ pk: quarterKey(approval.council, approval.quarter), sk: 'APPROVAL', ...approval }]);
  }

  async claimReminder(
    council: string,
    quarter: string,
    provider: string,
    reason: string,
    at: string,
  ): Promise<boolean> {
    try {
      const result = await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: quarterKey(council, quarter), sk: `REMINDER#${provider}#${reason}`, provider, reason, at },
          ConditionExpression: 'attribute_not_exists(sk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.count(result.ConsumedCapacity, 'write');
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async approvalOf(council: string, quarter: string): Promise<ReportApproval | undefined> {
    const item = await this.item(quarterKey(council, quarter), 'APPROVAL');
    if (!item) return undefined;
    const { pk, sk, ...approval } = item;
    return approval as unknown as ReportApproval;
  }

  async headlinesBetween(council: string, first: string, last: string): Promise<Map<string, Headlines>> {
    const headlines = new Map<string, Headlines>();
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': headlinesKey(council),
          ':first': `QUARTER#${first}`,
          ':last': `QUARTER#${last}`,
        },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      },
    );
    for await (const page of pages) {
      this.count(page.ConsumedCapacity, 'read');
      for (const item of page.Items ?? []) headlines.set(item.quarter as string, item.headlines as Headlines);
    }
    return headlines;
  }

  /** One item, read consistently (a receipt or a figure read just after it was written must see it). */
  private async item(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk, sk }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.count(result.ConsumedCapacity, 'read');
    return result.Item;
  }

  private async query(pk: string, skPrefix: string, projection?: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ...(projection ? { ProjectionExpression: projection } : {}),
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      },
    );
    for await (const page of pages) {
      this.count(page.ConsumedCapacity, 'read');
      items.push(...(page.Items ?? []));
    }
    return items;
  }

  /** BatchWriteItem in 25s, retrying whatever DynamoDB hands back unprocessed. */
  private async batchPut(items: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await this.backoff(attempt);
        if (attempt > 8)
          throw new Error(`DynamoDB left ${requests.length} writes unprocessed after ${attempt} attempts`);
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.table]: requests }, ReturnConsumedCapacity: 'TOTAL' }),
        );
        for (const capacity of result.ConsumedCapacity ?? []) this.count(capacity, 'write');
        requests = (result.UnprocessedItems?.[this.table] ?? []) as typeof requests;
      }
    }
  }

  private count(capacity: ConsumedCapacity | undefined, kind: 'read' | 'write'): void {
    this.consumed[kind] += capacity?.CapacityUnits ?? 0;
  }
}

/**
 * An accepted return's figures, one item per section: the return is always read whole, and one
 * item of a few kilobytes costs a fraction of the write units of a item per figure.
 */
function sectionItems(pk: string, record: UploadRecord, rows: readonly ReturnRow[]): Record<string, unknown>[] {
  const sections = new Map<string, { values: Record<string, ReturnRow['value']>; cells: Record<string, string> }>();
  for (const row of rows) {
    const section = sections.get(row.section) ?? { values: {}, cells: {} };
    section.values[row.measure] = row.value;
    section.cells[row.measure] = row.cell;
    sections.set(row.section, section);
  }
  return [...sections].map(([section, { values, cells }]) => ({
    pk,
    sk: `ROW#${record.provider}#${record.uploadId}#${section}`,
    section,
    values,
    cells,
    ...record.provenance,
  }));
}

function uploadItem(record: UploadRecord, state: UploadState): Record<string, unknown> {
  return {
    pk: quarterKey(record.council, record.quarter),
    sk: `UPLOAD#${record.provider}#${record.uploadId}`,
    ...record.provenance,
    objectETag: record.objectETag,
    provider: record.provider,
    status: record.status,
    errors: record.errors,
    warnings: record.warnings,
    state,
  };
}

function toRecordedUpload(item: Record<string, unknown>): RecordedUpload {
  return {
    provider: item.provider as string,
    status: item.status as RecordedUpload['status'],
    errors: item.errors as number,
    warnings: item.warnings as number,
    uploadId: item.uploadId as string,
    objectKey: item.objectKey as string,
    objectETag: item.objectETag as string | undefined,
    objectVersion: item.objectVersion as string | undefined,
    receivedAt: item.receivedAt as string,
    // Records written before uploads had states were written whole in one go.
    state: (item.state as UploadState | undefined) ?? 'finished',
  };
}

function toSubmission(item: Record<string, unknown>): CurrentSubmission {
  return {
    provider: item.provider as string,
    uploadId: item.uploadId as string,
    objectKey: item.objectKey as string,
    objectVersion: item.objectVersion as string | undefined,
    receivedAt: item.receivedAt as string,
    warnings: item.warnings as number,
  };
}

export function quarterKey(council: string, quarter: string): string {
  return `COUNCIL#${council}#QUARTER#${quarter}`;
}

/** The reports a council has published, by quarter. */
export function publishedKey(council: string): string {
  return `COUNCIL#${council}#PUBLISHED`;
}

/** Every quarter's headlines for a council, sorted by quarter id, so a trend is one Query. */
export function headlinesKey(council: string): string {
  return `COUNCIL#${council}#HEADLINES`;
}

function exponentialBackoff(attempt: number): Promise<void> {
  const delay = Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, delay));
}
