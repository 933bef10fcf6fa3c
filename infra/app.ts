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
  const stateful = new StatefulStack(app, `${config.name}-stateful`, { env, description: 'Homelessness strategy reporting: data', councils: config.councils });
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
