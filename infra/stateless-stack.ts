import { type CfnElement, CfnOutput, Duration, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../functions/commons/config.ts';
import { FIGURES_REVISED, RETURN_ACCEPTED } from '../functions/core/pipeline-events.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { councilDataFolder, councilSettings, type DeploymentConfig } from './deployment-config.ts';
import { PipelineFunction, type PipelineFunctionProps } from './pipeline-function.ts';
import { Portal } from './portal.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly returnsBucket: IBucket;
  readonly reportsBucket: IBucket;
  readonly publicSiteBucket: IBucket;
  readonly table: ITableV2;
  readonly uploadsQueue: IQueue;
  readonly uploadsDeadLetterQueue: IQueue;
  readonly bucketArnExports: { readonly returns: string; readonly reports: string; readonly publicSite: string };
}

/** The pipeline's code: one function per stage, the upload event source and the schedules. */
export class StatelessStack extends Stack {
  readonly ingest: PipelineFunction;
  readonly aggregate: PipelineFunction;
  readonly render: PipelineFunction;
  readonly publish: PipelineFunction;
  /** The daily sweep: ingests any upload whose event was missed. */
  readonly sweep: PipelineFunction;

  /** The providers' and officers' web portal, when the deployment config has one. */
  readonly portal?: Portal;

  /** Where alarms go: a queue filling with failures, or a function erroring. */
  readonly operations: Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const returns = { bucket: props.returnsBucket, arnExport: props.bucketArnExports.returns };
    const reports = { bucket: props.reportsBucket, arnExport: props.bucketArnExports.reports };
    const publicSite = { bucket: props.publicSiteBucket, arnExport: props.bucketArnExports.publicSite };

    const { config } = props;
    // Every stage reads council data the same way: the shipped folders, with this deployment's settings on top.
    const councils: PipelineFunctionProps['councils'] = {
      folders: Object.fromEntries(config.councils.map((c) => [c.id, councilDataFolder(c)])),
      settings: councilSettings(config),
    };
    const stage = (id: string, props: Omit<PipelineFunctionProps, 'councils'>) =>
      new PipelineFunction(this, id, { ...props, councils });

    this.ingest = stage('Ingest', { stage: 'ingest' })
      .useBucket(ENV.returnsBucket, returns, 'read', 'returns/')
      .useTable(ENV.table, props.table, 'readWrite');
    // Receipts are written beside the uploads, under their own prefix.
    this.ingest.grantObjects(returns, 'write', 'receipts/');
    this.ingest.addEventSource(
      new SqsEventSource(props.uploadsQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );

    this.aggregate = stage('Aggregate', { stage: 'aggregate', timeout: Duration.minutes(5) }).useTable(
      ENV.table,
      props.table,
      'readWrite',
    );

    this.render = stage('Render', { stage: 'render', printsPdf: true })
      .sendsEmailAs(config.sesIdentity)
      .useTable(ENV.table, props.table, 'read')
      .useBucket(ENV.reportsBucket, reports, 'write');

    // The stages tell each other on the default bus: a late return re-aggregates its quarter;
    // revised figures re-render the pack and bring the next quarter up to date.
    // The sweep lists this quarter's and last quarter's uploads and ingests any without a record.
    this.sweep = stage('Sweep', { stage: 'sweep', timeout: Duration.minutes(5) })
      .useBucket(ENV.returnsBucket, returns, 'read', 'returns/')
      .listsBucket(returns, 'returns/')
      .useTable(ENV.table, props.table, 'readWrite');
    this.sweep.grantObjects(returns, 'write', 'receipts/');

    const bus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    for (const fn of [this.ingest, this.aggregate, this.sweep]) {
      fn.addEnvironment(ENV.eventBus, bus.eventBusName);
      bus.grantPutEventsTo(fn);
    }
    const eventDeadLetters = deadLetterQueue(this, 'EventDeadLetterQueue', "the event rules' targets");
    const onEvent = (fn: PipelineFunction) =>
      new LambdaFunction(fn, { retryAttempts: 3, maxEventAge: Duration.hours(6), deadLetterQueue: eventDeadLetters });
    new Rule(this, 'ReturnAcceptedRule', {
      eventBus: bus,
      description: 'A return accepted for a quarter re-aggregates it if it already has figures',
      eventPattern: { source: [RETURN_ACCEPTED.source], detailType: [RETURN_ACCEPTED.detailType] },
      targets: [onEvent(this.aggregate)],
    });
    new Rule(this, 'FiguresRevisedRule', {
      eventBus: bus,
      description: "Revised figures re-render the quarter's reports",
      eventPattern: { source: [FIGURES_REVISED.source], detailType: [FIGURES_REVISED.detailType] },
      targets: [onEvent(this.render)],
    });

    // Publishing is an officer's approval: invoked with { council, quarter }, never on a schedule.
    // It copies the version render made for publication from the reports bucket: no browser of its own.
    this.publish = stage('Publish', { stage: 'publish' })
      .useTable(ENV.table, props.table, 'readWrite')
      .useBucket(ENV.reportsBucket, reports, 'read', '*/*/for-publication/')
      .useBucket(ENV.publicBucket, publicSite, 'write');

    // X-Ray accepts trace segments only on "*": the one unscoped statement, and it touches no data.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions.',
    });
    const scheduleDeadLetters = deadLetterQueue(this, 'ScheduleDeadLetterQueue', "the schedules' targets");
    // The pack is made on day N of the month after each quarter ends (Jan, Apr, Jul, Oct):
    // figures at 05:00 UK time, the pack an hour later from those figures.
    const quarterly = (hour: string) =>
      ScheduleExpression.cron({
        minute: '0',
        hour,
        day: String(config.schedules.packDaysAfterQuarterEnd),
        month: '1,4,7,10',
        timeZone: TimeZone.EUROPE_LONDON,
      });
    // EventBridge Scheduler's role may invoke each target function and its versions (`<arn>:*`).
    for (const fn of [this.aggregate, this.render, this.sweep]) {
      const logicalId = this.getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          'The Scheduler target role is granted one function and its versions, as the L2 LambdaInvoke target does.',
      });
    }
    for (const { id: council } of config.councils) {
      // Each schedule invokes its stage with the council and the scheduled time (the run's "now"),
      // retrying for six hours before its dead-letter queue.
      const target = (fn: PipelineFunction, extra: Record<string, unknown> = {}) =>
        new LambdaInvoke(fn, {
          input: ScheduleTargetInput.fromObject({ council, ...extra, scheduledTime: ContextAttribute.scheduledTime }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: scheduleDeadLetters,
        });
      // Every night: anything uploaded whose notification never reached ingest.
      new Schedule(this, `DailySweep-${council}`, {
        schedule: ScheduleExpression.cron({
          minute: '0',
          hour: String(config.schedules.dailySweepHour),
          timeZone: TimeZone.EUROPE_LONDON,
        }),
        target: target(this.sweep),
        description: `Ingest any of ${council}'s uploads this quarter or last whose event was missed`,
      });
      // The annual progress report, on day N of April: Quarter 4's figures were made at 05:00 that day.
      new Schedule(this, `AnnualReport-${council}`, {
        schedule: ScheduleExpression.cron({
          minute: '0',
          hour: '8',
          day: String(config.schedules.packDaysAfterQuarterEnd),
          month: '4',
          timeZone: TimeZone.EUROPE_LONDON,
        }),
        target: target(this.render, { annual: true }),
        description: `Render ${council}'s annual progress report for the year just ended`,
      });
      new Schedule(this, `QuarterlyFigures-${council}`, {
        schedule: quarterly('5'),
        target: target(this.aggregate),
        description: `Aggregate ${council}'s quarterly figures after the returns deadline`,
      });
      new Schedule(this, `QuarterlyPack-${council}`, {
        schedule: quarterly('6'),
        target: target(this.render),
        description: `Render ${council}'s Homelessness Partnership Forum pack`,
      });
    }

    if (config.portal) {
      this.portal = new Portal(this, 'Portal', {
        portal: config.portal,
        sesIdentity: config.sesIdentity,
        councils,
        returns,
        reports,
        table: props.table,
        stages: { aggregate: this.aggregate, render: this.render, publish: this.publish },
        scheduleDeadLetters,
      });
    }

    this.operations = new Topic(this, 'OperationsTopic', {
      displayName: 'Homelessness reporting operations',
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    for (const email of config.operationsEmails) this.operations.addSubscription(new EmailSubscription(email));
    // One failure is enough to tell someone: a message in a dead-letter queue, or a function error.
    const notify = new SnsAction(this.operations);
    const alarmOnAny = (id: string, alarmDescription: string, metric: IMetric) =>
      new Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);
    const deadLetterQueues: [string, IQueue][] = [
      ['Uploads', props.uploadsDeadLetterQueue],
      ['Events', eventDeadLetters],
      ['Schedules', scheduleDeadLetters],
    ];
    for (const [name, queue] of deadLetterQueues) {
      alarmOnAny(
        `${name}DeadLettersAlarm`,
        `${name} have failed and are waiting in their dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      );
    }
    const functions = {
      Ingest: this.ingest,
      Aggregate: this.aggregate,
      Render: this.render,
      Publish: this.publish,
      Sweep: this.sweep,
      ...(this.portal
        ? { Portal: this.portal.app, Reminders: this.portal.reminders, Template: this.portal.template }
        : {}),
    };
    for (const [name, fn] of Object.entries(functions)) {
      // The CLI's --aws mode invokes the stages by these names, from the outputs file.
      new CfnOutput(this, `${name}FunctionName`, {
        value: fn.functionName,
        description: `The ${name.toLowerCase()} stage`,
      });
      alarmOnAny(
        `${name}ErrorsAlarm`,
        `The ${name.toLowerCase()} function failed`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      );
    }
  }
}
