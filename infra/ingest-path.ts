import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { ENV } from '../functions/commons/config.ts';
import type { PipelineFunction, PipelineFunctionProps, SharedBucket, TableAction } from './pipeline-function.ts';

export interface IngestPathProps {
  /** Makes a stage's function with the deployment's councils. */
  readonly stage: (id: string, props: Omit<PipelineFunctionProps, 'councils'>) => PipelineFunction;
  readonly returns: SharedBucket;
  readonly table: ITableV2;
  readonly uploadsQueue: IQueue;
  /** The councils served: each function reaches only their items in the table. */
  readonly councils: readonly string[];
}

/**
 * The upload path: ingest, fed by the queue the returns bucket notifies, and the daily sweep that
 * ingests any upload whose notification was lost. Its resources are made in the stack's own scope,
 * so their logical ids are those they had before this was its own class.
 */
export class IngestPath {
  readonly ingest: PipelineFunction;
  /** The daily sweep: ingests any upload whose event was missed. */
  readonly sweep: PipelineFunction;

  constructor(props: IngestPathProps) {
    const { stage, returns, table, councils } = props;
    // Reads the provider's last figures and the quarter's records; writes the upload's record and
    // rows in one batch, then the conditional pointer to the current return.
    const ingestActions: TableAction[] = ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'];
    this.ingest = stage('Ingest', { stage: 'ingest' })
      .useBucket(ENV.returnsBucket, returns, 'read', 'returns/')
      .useTable(ENV.table, table, ingestActions, councils);
    // Receipts are written beside the uploads, under their own prefix.
    this.ingest.grantObjects(returns, 'write', 'receipts/');
    this.ingest.addEventSource(
      new SqsEventSource(props.uploadsQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );

    // The sweep lists this quarter's and last quarter's uploads and ingests any without a record.
    this.sweep = stage('Sweep', { stage: 'sweep', timeout: Duration.minutes(5) })
      .useBucket(ENV.returnsBucket, returns, 'read', 'returns/')
      .listsBucket(returns, 'returns/')
      .useTable(ENV.table, table, ingestActions, councils);
    this.sweep.grantObjects(returns, 'write', 'receipts/');
  }
}
