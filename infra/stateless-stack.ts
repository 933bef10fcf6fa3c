import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { councilDataFolder, councilSettings, type DeploymentConfig } from './deployment-config.ts';
import { IngestPath } from './ingest-path.ts';
import { Operations } from './operations.ts';
import { PipelineFunction, type PipelineFunctionProps } from './pipeline-function.ts';
import { PipelineSchedules } from './pipeline-schedules.ts';
import { Portal, type PortalProps } from './portal.ts';
import { QuarterlyStages } from './quarterly-stages.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly returnsBucket: IBucket;
  readonly reportsBucket: IBucket;
  readonly publicSiteBucket: IBucket;
  readonly table: ITableV2;
  readonly uploadsQueue: IQueue;
  readonly uploadsDeadLetterQueue: IQueue;
  readonly bucketArnExports: { readonly returns: string; readonly reports: string; readonly publicSite: string };
  /** Where the portal answers, made by the stateful stack when the deployment has a portal. */
  readonly portalAddress?: PortalProps['address'];
  /** The public site's address, `https://<host>`. */
  readonly publicSiteOrigin: string;
}

/**
 * The pipeline's code: the ingest path (ingest and the daily sweep), the quarterly stages and their
 * event rules, the schedules, and operations (alarms to an SNS topic).
 */
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
    const { config } = props;
    const returns = { bucket: props.returnsBucket, arnExport: props.bucketArnExports.returns };
    const reports = { bucket: props.reportsBucket, arnExport: props.bucketArnExports.reports };
    const publicSite = { bucket: props.publicSiteBucket, arnExport: props.bucketArnExports.publicSite };

    // Every stage reads council data the same way: the shipped folders, with this deployment's settings on top.
    const councils: PipelineFunctionProps['councils'] = {
      folders: Object.fromEntries(config.councils.map((c) => [c.id, councilDataFolder(c)])),
      settings: councilSettings(config),
    };
    const stage = (id: string, props: Omit<PipelineFunctionProps, 'councils'>) =>
      new PipelineFunction(this, id, { ...props, councils });

    const served = config.councils.map((c) => c.id);
    const uploads = new IngestPath({
      stage,
      returns,
      table: props.table,
      uploadsQueue: props.uploadsQueue,
      councils: served,
    });
    const quarterly = new QuarterlyStages(this, {
      stage,
      table: props.table,
      reports,
      publicSite,
      sesIdentity: config.sesIdentity,
      raisingEvents: [uploads.ingest, uploads.sweep],
      councils: served,
    });
    this.ingest = uploads.ingest;
    this.sweep = uploads.sweep;
    this.aggregate = quarterly.aggregate;
    this.render = quarterly.render;
    this.publish = quarterly.publish;

    // X-Ray accepts trace segments only on "*": the one unscoped statement, and it touches no data.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions.',
    });
    const schedules = new PipelineSchedules(this, {
      councils: config.councils,
      schedules: config.schedules,
      sweep: this.sweep,
      aggregate: this.aggregate,
      render: this.render,
    });

    if (config.portal) {
      if (!props.portalAddress)
        throw new Error('The deployment has a portal, but the stateful stack made no address for it');
      this.portal = new Portal(this, 'Portal', {
        address: props.portalAddress,
        siteOrigin: props.publicSiteOrigin,
        portal: config.portal,
        sesIdentity: config.sesIdentity,
        councils,
        returns,
        reports,
        table: props.table,
        stages: { aggregate: this.aggregate, render: this.render, publish: this.publish },
        scheduleDeadLetters: schedules.scheduleDeadLetters,
      });
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
    this.operations = new Operations(this, {
      operationsEmails: config.operationsEmails,
      deadLetterQueues: {
        Uploads: props.uploadsDeadLetterQueue,
        Events: quarterly.eventDeadLetters,
        Schedules: schedules.scheduleDeadLetters,
      },
      functions,
      render: this.render,
    }).topic;
    for (const [name, fn] of Object.entries(functions)) {
      // The CLI's --aws mode invokes the stages by these names, from the outputs file.
      new CfnOutput(this, `${name}FunctionName`, {
        value: fn.functionName,
        description: `The ${name.toLowerCase()} stage`,
      });
    }
  }
}
