import { App } from 'aws-cdk-lib';
import { configFrom } from './deployment-config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** The deployment: stateful resources in one stack, the code that uses them in another. */
export function buildApp(app = new App()): { app: App; stateful: StatefulStack; stateless: StatelessStack } {
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
  buildApp().app.synth();
}
