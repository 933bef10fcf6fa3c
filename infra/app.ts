import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFrom } from './deployment-config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** The deployment: stateful resources in one stack, the code that uses them in another. */
export function buildApp(app = new App()): { app: App; stateful: StatefulStack; stateless: StatelessStack } {
  // Access logs are delivered under a bucket policy, not an ACL, so every bucket can enforce its own ownership.
  app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  const config = configFrom(app.node.tryGetContext('deployment'));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, `${config.name}-stateful`, { env, description: 'Homelessness strategy reporting: data' });
  const stateless = new StatelessStack(app, `${config.name}-stateless`, {
    env,
    description: 'Homelessness strategy reporting: pipeline',
    config,
    returnsBucket: stateful.returnsBucket,
    reportsBucket: stateful.reportsBucket,
    publicSiteBucket: stateful.publicSiteBucket,
    table: stateful.table,
    uploadsQueue: stateful.uploadsQueue,
  });
  return { app, stateful, stateless };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { app } = buildApp();
  // `-c nag=true` runs the AWS Solutions rules at synth; every acknowledgement sits beside its
  // construct with its reason. Not yet on by default: see the README on what is left.
  if (app.node.tryGetContext('nag') === 'true' || app.node.tryGetContext('nag') === true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  app.synth();
}
