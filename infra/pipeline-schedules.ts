import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { councilPackDay, type DeploymentConfig } from './deployment-config.ts';
import type { PipelineFunction } from './pipeline-function.ts';

export interface PipelineSchedulesProps {
  readonly councils: DeploymentConfig['councils'];
  readonly schedules: DeploymentConfig['schedules'];
  readonly sweep: PipelineFunction;
  readonly aggregate: PipelineFunction;
  readonly render: PipelineFunction;
}

/**
 * Each council's schedules (EventBridge Scheduler, UK time): the daily sweep, the quarter's figures
 * and pack, and the annual report. Made in the stack's own scope, so the logical ids are those
 * they had before this was its own class.
 */
export class PipelineSchedules {
  /** Where a schedule's invocation goes after its retries. */
  readonly scheduleDeadLetters: Queue;

  constructor(scope: Construct, props: PipelineSchedulesProps) {
    const { schedules } = props;
    this.scheduleDeadLetters = deadLetterQueue(scope, 'ScheduleDeadLetterQueue', "the schedules' targets");
    // The pack is made on the council's day N of the month after each quarter ends (Jan, Apr, Jul,
    // Oct): figures at 05:00 UK time, the pack an hour later from those figures.
    const quarterly = (hour: string, packDay: number) =>
      ScheduleExpression.cron({
        minute: '0',
        hour,
        day: String(packDay),
        month: '1,4,7,10',
        timeZone: TimeZone.EUROPE_LONDON,
      });
    // EventBridge Scheduler's role may invoke each target function and its versions (`<arn>:*`).
    for (const fn of [props.aggregate, props.render, props.sweep]) {
      const logicalId = Stack.of(scope).getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(scope).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          'The Scheduler target role is granted one function and its versions, as the L2 LambdaInvoke target does.',
      });
    }
    for (const deployed of props.councils) {
      const council = deployed.id;
      const packDay = councilPackDay(deployed);
      // Each schedule invokes its stage with the council and the scheduled time (the run's "now"),
      // retrying for six hours before its dead-letter queue.
      const target = (fn: PipelineFunction, extra: Record<string, unknown> = {}) =>
        new LambdaInvoke(fn, {
          input: ScheduleTargetInput.fromObject({ council, ...extra, scheduledTime: ContextAttribute.scheduledTime }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: this.scheduleDeadLetters,
        });
      // Every night: anything uploaded whose notification never reached ingest.
      new Schedule(scope, `DailySweep-${council}`, {
        schedule: ScheduleExpression.cron({
          minute: '0',
          hour: String(schedules.dailySweepHour),
          timeZone: TimeZone.EUROPE_LONDON,
        }),
        target: target(props.sweep),
        description: `Ingest any of ${council}'s uploads this quarter or last whose event was missed`,
      });
      // The annual progress report, on day N of April: Quarter 4's figures were made at 05:00 that day.
      new Schedule(scope, `AnnualReport-${council}`, {
        schedule: ScheduleExpression.cron({
          minute: '0',
          hour: '8',
          day: String(packDay),
          month: '4',
          timeZone: TimeZone.EUROPE_LONDON,
        }),
        target: target(props.render, { annual: true }),
        description: `Render ${council}'s annual progress report for the year just ended`,
      });
      new Schedule(scope, `QuarterlyFigures-${council}`, {
        schedule: quarterly('5', packDay),
        target: target(props.aggregate),
        description: `Aggregate ${council}'s quarterly figures after the returns deadline`,
      });
      new Schedule(scope, `QuarterlyPack-${council}`, {
        schedule: quarterly('6', packDay),
        target: target(props.render),
        description: `Render ${council}'s Homelessness Partnership Forum pack`,
      });
    }
  }
}
