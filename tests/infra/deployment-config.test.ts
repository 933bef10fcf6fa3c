import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { loadDeploymentConfig, parseDeploymentConfig } from '../../infra/deployment-config.ts';

/** Synthesis without bundling: these tests are about names and settings, not code. */
const appWithoutBundling = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

describe('a deployment config', () => {
  it('lets two deployments sit side by side in one account: their own stacks, exports and settings, no physical names', () => {
    // Arrange & act: the council's deployment and its training copy in one app.
    const app = appWithoutBundling();
    const live = buildApp(app, loadDeploymentConfig('sefton'));
    const training = buildApp(app, loadDeploymentConfig('sefton-training'));
    const templates = [live.stateful, live.stateless, training.stateful, training.stateless].map((stack) => Template.fromStack(stack).toJSON());

    // Assert
    expect([live.stateful, live.stateless, training.stateful, training.stateless].map((s) => s.stackName)).toEqual([
      'sefton-stateful',
      'sefton-stateless',
      'sefton-training-stateful',
      'sefton-training-stateless',
    ]);
    const exports = templates.flatMap((t) => Object.values(t.Outputs ?? {}).flatMap((o) => ((o as { Export?: { Name: string } }).Export ? [(o as { Export: { Name: string } }).Export.Name] : [])));
    expect(new Set(exports).size).toBe(exports.length);
    // A physical name would be a literal string; references to generated names are objects.
    const named = JSON.stringify(templates).match(/"(BucketName|TableName|FunctionName|QueueName|TopicName|RoleName|ManagedPolicyName)":"/g);
    expect(named).toBeNull();

    const trainingTemplate = Template.fromStack(training.stateless);
    const settings = Object.values(trainingTemplate.findResources('AWS::Lambda::Function')).map((fn) => JSON.parse(fn.Properties.Environment.Variables.COUNCIL_SETTINGS));
    expect(settings[0]).toEqual({
      sefton: {
        disclosureThreshold: 5,
        notifications: {
          from: 'Homelessness reporting (training) <training.reporting@training.example.gov.uk>',
          officers: ['Strategy Officer <housing.strategy@example.gov.uk>'],
        },
      },
    });
    const expressions = Object.values(trainingTemplate.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties.ScheduleExpression);
    expect(expressions.sort()).toEqual(['cron(0 3 * * ? *)', 'cron(0 5 21 1,4,7,10 ? *)', 'cron(0 6 21 1,4,7,10 ? *)', 'cron(0 8 21 4 ? *)']);
  });

  it('refuses a From address outside the SES identity the deployment may send as, naming the field', () => {
    const config = structuredClone(loadDeploymentConfig('sefton')) as Record<string, unknown> & { councils: Record<string, unknown>[] };
    config.councils[0]!.reportsFrom = 'Reports <reports@elsewhere.example.com>';
    expect(() => parseDeploymentConfig(config, 'test.json')).toThrow(
      /test\.json is not valid:[\s\S]*sends from elsewhere\.example\.com, but the deployment may send only as its SES identity example\.gov\.uk[\s\S]*councils\[0\]\.reportsFrom/,
    );
  });

  it('refuses a council whose data folder has no council.json, a bad threshold, or an unknown deployment', () => {
    const config = structuredClone(loadDeploymentConfig('sefton')) as Record<string, unknown> & { councils: Record<string, unknown>[] };
    config.councils[0]!.data = 'templates/councils/nowhere';
    config.councils[0]!.disclosureThreshold = -1;
    expect(() => parseDeploymentConfig(config)).toThrow(/templates\/councils\/nowhere has no council\.json/);
    expect(() => parseDeploymentConfig(config)).toThrow(/councils\[0\]\.disclosureThreshold/);
    expect(() => loadDeploymentConfig('wirral')).toThrow('No deployment config at infra/deployments/wirral.json');
  });
});
