import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  LogQueryVisualizationType,
  LogQueryWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  METRICS,
  METRICS_NAMESPACE,
  type MetricId,
  REASON_DIMENSION,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from '../functions/core/operational-metrics.ts';
import type { PipelineFunction } from './pipeline-function.ts';

export interface OperationsProps {
  readonly operationsEmails: readonly string[];
  /** Each dead-letter queue by the name its alarm is given (`Uploads` → `UploadsDeadLettersAlarm`). */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Each function by the name its alarm is given (`Ingest` → `IngestErrorsAlarm`). */
  readonly functions: Readonly<Record<string, PipelineFunction>>;
  /** The function that renders the packs: its log says when each council's last pack was made. */
  readonly render: PipelineFunction;
}

/**
 * What tells and shows the operations team: an SNS topic (the deployment's operations emails
 * subscribe to it), an alarm on each dead-letter queue and on each function's errors (the README's
 * runbook has a heading for each), and a CloudWatch dashboard of the pipeline's own metrics and
 * each function's health. Made in the stack's own scope, so the logical ids are those they had
 * before this was its own class.
 */
export class Operations {
  /** Where alarms go: a queue filling with failures, or a function erroring. */
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, props: OperationsProps) {
    this.topic = new Topic(scope, 'OperationsTopic', {
      displayName: 'Homelessness reporting operations',
      enforceSSL: true,
      masterKey: Alias.fromAliasName(scope, 'SnsKey', 'alias/aws/sns'),
    });
    for (const email of props.operationsEmails) this.topic.addSubscription(new EmailSubscription(email));
    // One failure is enough to tell someone: a message in a dead-letter queue, or a function error.
    const notify = new SnsAction(this.topic);
    const alarmOnAny = (id: string, alarmDescription: string, metric: IMetric) => {
      const alarm = new Alarm(scope, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
    };
    const queueDepth = (queue: IQueue, label?: string) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum', label });
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarmOnAny(
        `${name}DeadLettersAlarm`,
        `${name} have failed and are waiting in their dead-letter queue (README: runbook, ${name}DeadLettersAlarm)`,
        queueDepth(queue),
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarmOnAny(
        `${name}ErrorsAlarm`,
        `The ${name.toLowerCase()} function failed (README: runbook, ${name}ErrorsAlarm)`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      );
    }
    this.dashboard = this.pipelineDashboard(scope, props, queueDepth);
  }

  private pipelineDashboard(
    scope: Construct,
    props: OperationsProps,
    queueDepth: (queue: IQueue, label?: string) => IMetric,
  ) {
    const hourly = Duration.hours(1);
    // Every metric the functions write carries Powertools' service dimension.
    const pipeline = (metric: MetricId, statistic = 'Sum', label?: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: METRICS[metric].name,
        dimensionsMap: { [SERVICE_DIMENSION]: SERVICE_NAME },
        statistic,
        period: hourly,
        label: label ?? METRICS[metric].about,
      });
    const graph = (title: string, left: IMetric[], width = 12) => new GraphWidget({ title, left, width, height: 6 });
    const rejectionsByReason = new MathExpression({
      expression: `SEARCH('{${METRICS_NAMESPACE},${REASON_DIMENSION},${SERVICE_DIMENSION}} MetricName="${METRICS.uploadsRejected.name}"', 'Sum', 3600)`,
      label: 'rejected, by reason',
      period: hourly,
    });
    const functions = Object.entries(props.functions);
    const dashboard = new Dashboard(scope, 'OperationsDashboard', { defaultInterval: Duration.days(14) });
    dashboard.addWidgets(
      new TextWidget({
        markdown:
          "# Homelessness reporting\nUploads and receipts, reports, each function and its dead letters. What to do when an alarm fires: the README's runbook.",
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      graph('Uploads and receipts by outcome (per hour)', [
        pipeline('uploadsReceived'),
        pipeline('uploadsAccepted'),
        pipeline('uploadsAcceptedWithWarnings'),
        pipeline('uploadsRejected'),
      ]),
      graph('Rejections by reason (per hour)', [rejectionsByReason]),
    );
    dashboard.addWidgets(
      graph('Receipt latency (ms): upload stored → receipt written', [
        pipeline('receiptLatency', 'p50', 'median'),
        pipeline('receiptLatency', 'p95', '95th percentile'),
        pipeline('receiptLatency', 'Maximum', 'longest'),
      ]),
      new LogQueryWidget({
        title: "Each council's last pack",
        logGroupNames: [props.render.logGroup.logGroupName],
        queryLines: [
          "filter message = 'quarter reports rendered'",
          'stats max(@timestamp) as lastPackAt, latest(quarter) as lastQuarter by council',
          'sort council asc',
        ],
        view: LogQueryVisualizationType.TABLE,
        width: 12,
        height: 6,
      }),
    );
    dashboard.addWidgets(
      graph('Reports', [
        pipeline('reportsRendered'),
        pipeline('figuresRevised'),
        pipeline('disclosureChecksPassed'),
        pipeline('disclosureChecksRefused'),
        pipeline('remindersSent'),
      ]),
      graph('Printing a report', [
        pipeline('reportPrintTime', 'Maximum', 'longest print (ms)'),
        pipeline('reportPages', 'Maximum', 'most pages'),
      ]),
    );
    dashboard.addWidgets(
      graph(
        'Dead-letter queue depths',
        Object.entries(props.deadLetterQueues).map(([name, queue]) => queueDepth(queue, `${name} dead letters`)),
        24,
      ),
    );
    dashboard.addWidgets(
      graph(
        'Function errors and throttles (per 5 minutes)',
        functions.flatMap(([name, fn]) => [
          fn.metricErrors({ statistic: 'Sum', label: `${name} errors` }),
          fn.metricThrottles({ statistic: 'Sum', label: `${name} throttles` }),
        ]),
      ),
      graph(
        'Function duration (ms, longest)',
        functions.map(([name, fn]) => fn.metricDuration({ statistic: 'Maximum', label: name })),
      ),
    );
    return dashboard;
  }
}
