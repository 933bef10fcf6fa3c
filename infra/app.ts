import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type DeploymentConfig, loadDeploymentConfig } from './deployment-config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/**
 * One deployment: stateful resources in one stack, the code that uses them in another. The config
 * is infra/deployments/<name>.json, chosen with `-c deployment=<name>` (sefton by default).
 */
export function buildApp(
  app = new App(),
  config: DeploymentConfig = loadDeploymentConfig(app.node.tryGetContext('deployment')),
): { app: App; stateful: StatefulStack; stateless: StatelessStack } {
  // Access logs are delivered under a bucket policy, not an ACL, so every bucket can enforce its own
  // ownership. (Context can be set only on an empty app: a second deployment in it shares the first's.)
  if (app.node.children.length === 0) app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, `${config.name}-stateful`, {
    env,
    description: 'Homelessness strategy reporting: data',
    councils: config.councils,
    publicSiteDomain: config.publicSiteDomain,
    portal: config.portal !== undefined,
  });
  const stateless = new StatelessStack(app, `${config.name}-stateless`, {
    env,
    description: 'Homelessness strategy reporting: pipeline',
    config,
    returnsBucket: stateful.returnsBucket,
    reportsBucket: stateful.reportsBucket,
    publicSiteBucket: stateful.publicSiteBucket,
    table: stateful.table,
    uploadsQueue: stateful.uploadsQueue,
    uploadsDeadLetterQueue: stateful.uploadsDeadLetterQueue,
    bucketArnExports: stateful.bucketArnExports,
    portalAddress: stateful.portalAddress,
    publicSiteOrigin: stateful.publicSiteOrigin,
  });
  // Object grants import the buckets' ARNs by export name, which CDK cannot see as a dependency.
  stateless.node.addDependency(stateful);
  return { app, stateful, stateless };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { app } = buildApp();
  // The AWS Solutions rules run at every synth; each acknowledgement sits beside its construct,
  // with its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}
