import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PipelineFunction } from './pipeline-function.ts';

export interface OperationsProps {
  readonly operationsEmails: readonly string[];
  /** Each dead-letter queue by the name its alarm is given (`Uploads` → `UploadsDeadLettersAlarm`). */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Each function by the name its alarm is given (`Ingest` → `IngestErrorsAlarm`). */
  readonly functions: Readonly<Record<string, PipelineFunction>>;
}

/**
 * What tells the operations team: an SNS topic (the deployment's operations emails subscribe to
 * it), an alarm on each dead-letter queue and on each function's errors. Made in the stack's own
 * scope, so the logical ids are those they had before this was its own class.
 */
export class Operations {
  /** Where alarms go: a queue filling with failures, or a function erroring. */
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

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
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarmOnAny(
        `${name}DeadLettersAlarm`,
        `${name} have failed and are waiting in their dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarmOnAny(
        `${name}ErrorsAlarm`,
        `The ${name.toLowerCase()} function failed`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      );
    }
  }
}
