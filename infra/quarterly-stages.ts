import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../functions/commons/config.ts';
import { PIPELINE_RULES } from '../functions/core/pipeline-events.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import type { PipelineFunction, PipelineFunctionProps, SharedBucket } from './pipeline-function.ts';

export interface QuarterlyStagesProps {
  /** Makes a stage's function with the deployment's councils. */
  readonly stage: (id: string, props: Omit<PipelineFunctionProps, 'councils'>) => PipelineFunction;
  readonly table: ITableV2;
  readonly reports: SharedBucket;
  readonly publicSite: SharedBucket;
  readonly sesIdentity: string;
  /** The functions that put pipeline events on the bus (ingest and the sweep raise `Return accepted`). */
  readonly raisingEvents: readonly PipelineFunction[];
  /** The councils served: each function reaches only their items in the table. */
  readonly councils: readonly string[];
}

/**
 * A quarter's stages: aggregate makes its figures, render its pack and draft scrutiny report,
 * publish puts an approved report on the public site; and the event rules by which a late return
 * re-aggregates a quarter and revised figures re-render it. Made in the stack's own scope, so the
 * logical ids are those they had before this was its own class.
 */
export class QuarterlyStages {
  readonly aggregate: PipelineFunction;
  readonly render: PipelineFunction;
  readonly publish: PipelineFunction;
  /** Where the rules' deliveries go after their retries. */
  readonly eventDeadLetters: Queue;

  constructor(scope: Construct, props: QuarterlyStagesProps) {
    const { stage, table, councils } = props;
    // Reads the quarter's submissions, rows, last figures and headlines; writes figures and headlines in a batch.
    this.aggregate = stage('Aggregate', { stage: 'aggregate', timeout: Duration.minutes(5) }).useTable(
      ENV.table,
      table,
      ['GetItem', 'Query', 'BatchWriteItem'],
      councils,
    );

    this.render = stage('Render', { stage: 'render', printsPdf: true })
      .sendsEmailAs(props.sesIdentity)
      .useTable(ENV.table, table, ['GetItem', 'Query'], councils)
      .useBucket(ENV.reportsBucket, props.reports, 'write');

    // Publishing is an officer's approval: invoked with { council, quarter }, never on a schedule.
    // It copies the version render made for publication from the reports bucket: no browser of its own.
    this.publish = stage('Publish', { stage: 'publish' })
      // Reads the figures and what is published; records the report it publishes.
      .useTable(ENV.table, table, ['GetItem', 'Query', 'BatchWriteItem'], councils)
      .useBucket(ENV.reportsBucket, props.reports, 'read', '*/*/for-publication/')
      .useBucket(ENV.publicBucket, props.publicSite, 'write');

    // The stages tell each other on the default bus, by the rules of PIPELINE_RULES (which the
    // local runner follows too): a late return re-aggregates its quarter; revised figures
    // re-render its reports.
    const bus = EventBus.fromEventBusName(scope, 'DefaultBus', 'default');
    for (const fn of [...props.raisingEvents, this.aggregate]) {
      fn.addEnvironment(ENV.eventBus, bus.eventBusName);
      bus.grantPutEventsTo(fn);
    }
    this.eventDeadLetters = deadLetterQueue(scope, 'EventDeadLetterQueue', "the event rules' targets");
    const targets = { aggregate: this.aggregate, render: this.render };
    for (const rule of PIPELINE_RULES) {
      new Rule(scope, rule.id, {
        eventBus: bus,
        description: rule.description,
        eventPattern: { source: [rule.event.source], detailType: [rule.event.detailType] },
        targets: rule.targets.map(
          (target) =>
            new LambdaFunction(targets[target], {
              retryAttempts: 3,
              maxEventAge: Duration.hours(6),
              deadLetterQueue: this.eventDeadLetters,
            }),
        ),
      });
    }
  }
}
