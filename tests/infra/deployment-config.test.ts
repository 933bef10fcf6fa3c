import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
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
    const templates = [live.stateful, live.stateless, training.stateful, training.stateless].map((stack) =>
      Template.fromStack(stack).toJSON(),
    );

    // Assert
    expect([live.stateful, live.stateless, training.stateful, training.stateless].map((s) => s.stackName)).toEqual([
      'sefton-stateful',
      'sefton-stateless',
      'sefton-training-stateful',
      'sefton-training-stateless',
    ]);
    const exports = templates.flatMap((t) =>
      Object.values(t.Outputs ?? {}).flatMap((o) =>
        (o as { Export?: { Name: string } }).Export ? [(o as { Export: { Name: string } }).Export.Name] : [],
      ),
    );
    expect(new Set(exports).size).toBe(exports.length);
    // A physical name would be a literal string; references to generated names are objects.
    const named = JSON.stringify(templates).match(
      /"(BucketName|TableName|FunctionName|QueueName|TopicName|RoleName|ManagedPolicyName)":"/g,
    );
    expect(named).toBeNull();

    const trainingTemplate = Template.fromStack(training.stateless);
    const settings = Object.values(trainingTemplate.findResources('AWS::Lambda::Function')).map((fn) =>
      JSON.parse(fn.Properties.Environment.Variables.COUNCIL_SETTINGS),
    );
    expect(settings[0]).toEqual({
      sefton: {
        disclosureThreshold: 5,
        notifications: {
          from: 'Homelessness reporting (training) <training.reporting@training.example.gov.uk>',
          officers: ['Strategy Officer <housing.strategy@example.gov.uk>'],
        },
      },
    });
    const expressions = Object.values(trainingTemplate.findResources('AWS::Scheduler::Schedule')).map(
      (s) => s.Properties.ScheduleExpression,
    );
    expect(expressions.sort()).toEqual([
      'cron(0 3 * * ? *)',
      'cron(0 5 20 1,4,7,10 ? *)',
      'cron(0 6 20 1,4,7,10 ? *)',
      'cron(0 8 20 4 ? *)',
    ]);
  }, 240_000); // four stacks synthesised: slow on a busy machine

  it('deploys a second council beside the first, from a data folder of its own', () => {
    // Arrange: Wirral's data in a folder outside the project's templates (here, a copy of Sefton's
    // register, definition and plan under Wirral's own council.json).
    const folder = mkdtempSync(join(tmpdir(), 'hsr-wirral-'));
    cpSync(join(import.meta.dirname, '../../templates/councils/sefton'), folder, { recursive: true });
    const council = JSON.parse(readFileSync(join(folder, 'council.json'), 'utf8'));
    writeFileSync(
      join(folder, 'council.json'),
      JSON.stringify({ ...council, id: 'wirral', name: 'Wirral Council', packDaysAfterQuarterEnd: 25 }),
    );
    const wirral = parseDeploymentConfig({
      name: 'wirral',
      councils: [
        {
          id: 'wirral',
          data: folder,
          reportsFrom: 'Housing <housing.reports@wirral.example.gov.uk>',
          reportRecipients: ['Housing Strategy <strategy@wirral.example.gov.uk>'],
        },
      ],
      sesIdentity: 'wirral.example.gov.uk',
      schedules: { dailySweepHour: 2 },
    });

    // Act
    const app = appWithoutBundling();
    const sefton = buildApp(app, loadDeploymentConfig('sefton'));
    const other = buildApp(app, wirral);

    // Assert: each council's providers get their own policies, its schedules carry its id, and its
    // disclosure threshold defaults to 4.
    const policies = (stack: typeof sefton.stateful) =>
      Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')).map((p) =>
        String(p.Properties.Description),
      );
    expect(policies(other.stateful).every((description) => description.includes('(wirral)'))).toBe(true);
    expect(policies(sefton.stateful).every((description) => description.includes('(sefton)'))).toBe(true);
    const schedules = Object.values(Template.fromStack(other.stateless).findResources('AWS::Scheduler::Schedule')).map(
      (s) => JSON.parse(s.Properties.Target.Input).council,
    );
    expect(new Set(schedules)).toEqual(new Set(['wirral']));
    // Its figures, pack and annual report on its own pack day, from its council.json: the day its functions use too.
    const days = Object.values(Template.fromStack(other.stateless).findResources('AWS::Scheduler::Schedule'))
      .map((s) => String(s.Properties.ScheduleExpression))
      .filter((expression) => !expression.includes('* * ?'));
    expect(days.sort()).toEqual(['cron(0 5 25 1,4,7,10 ? *)', 'cron(0 6 25 1,4,7,10 ? *)', 'cron(0 8 25 4 ? *)']);
    const settings = Object.values(Template.fromStack(other.stateless).findResources('AWS::Lambda::Function')).map(
      (fn) => JSON.parse(fn.Properties.Environment.Variables.COUNCIL_SETTINGS),
    );
    expect(settings[0].wirral.disclosureThreshold).toBe(4);
    rmSync(folder, { recursive: true, force: true });
  });

  it("serves the public site at the council's own address, over TLS 1.2 or later, when one is configured", () => {
    const config = parseDeploymentConfig({
      ...loadDeploymentConfig('sefton'),
      publicSiteDomain: {
        domainName: 'reports.example.gov.uk',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      },
    });
    const app = appWithoutBundling();
    const { stateful } = buildApp(app, config);
    // cdk-nag's CloudFront TLS rule now passes on its own: its acknowledgement is gone with the CloudFront domain.
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();

    Template.fromStack(stateful).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['reports.example.gov.uk'],
        ViewerCertificate: {
          AcmCertificateArn: config.publicSiteDomain!.certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    expect(Template.fromStack(stateful).toJSON().Outputs.PublicSiteUrl.Value).toBe('https://reports.example.gov.uk/');
    expect(() =>
      parseDeploymentConfig({
        ...config,
        publicSiteDomain: {
          domainName: 'reports.example.gov.uk',
          certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0b1c2d3e',
        },
      }),
    ).toThrow(/an ACM certificate ARN in us-east-1/);
  });

  it('refuses a From address outside the SES identity the deployment may send as, naming the field', () => {
    const config = structuredClone(loadDeploymentConfig('sefton')) as Record<string, unknown> & {
      councils: Record<string, unknown>[];
    };
    config.councils[0]!.reportsFrom = 'Reports <reports@elsewhere.example.com>';
    expect(() => parseDeploymentConfig(config, 'test.json')).toThrow(
      /test\.json is not valid:[\s\S]*sends from elsewhere\.example\.com, but the deployment may send only as its SES identity example\.gov\.uk[\s\S]*councils\[0\]\.reportsFrom/,
    );
  });

  it('refuses a council whose data folder has no council.json, a bad threshold, or an unknown deployment', () => {
    const config = structuredClone(loadDeploymentConfig('sefton')) as Record<string, unknown> & {
      councils: Record<string, unknown>[];
    };
    config.councils[0]!.data = 'templates/councils/nowhere';
    config.councils[0]!.disclosureThreshold = -1;
    expect(() => parseDeploymentConfig(config)).toThrow(/templates\/councils\/nowhere has no council\.json/);
    config.councils[0]!.data = 'templates/councils/sefton';
    config.councils[0]!.id = 'knowsley';
    expect(() => parseDeploymentConfig(config)).toThrow(/council\.json is for "sefton", not "knowsley"/);
    expect(() => parseDeploymentConfig(config)).toThrow(/councils\[0\]\.disclosureThreshold/);
    expect(() => loadDeploymentConfig('wirral')).toThrow('No deployment config at infra/deployments/wirral.json');
  });
});
