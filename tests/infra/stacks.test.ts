import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { allows, type RequestContext } from '../support/iam-evaluate.ts';

describe('the CDK app', () => {
  let stateful: Template;
  let stateless: Template;
  const outdir = mkdtempSync(join(tmpdir(), 'hsr-cdk-'));

  let synthesisedWithNag: () => void;

  beforeAll(() => {
    // Arrange & act: synthesise both stacks with cdk-nag's AWS Solutions rules, bundling every
    // function with the local esbuild. An unacknowledged finding fails the synthesis.
    const app = new App({ outdir });
    const { stateful: data, stateless: code } = buildApp(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    synthesisedWithNag = () => app.synth();
    stateful = Template.fromStack(data);
    stateless = Template.fromStack(code);
  }, 240_000); // bundling eight functions with esbuild: slow on a busy machine

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('passes cdk-nag: every AWS Solutions finding is fixed or acknowledged with a reason', () => {
    // An unacknowledged finding makes synthesis throw (and beforeAll fail before this runs).
    expect(synthesisedWithNag).not.toThrow();
  });

  it('keeps every upload: the returns bucket is versioned, private, encrypted, SSL-only and retained', () => {
    stateful.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.anyValue(),
        LifecycleConfiguration: Match.absent(),
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'returns/' },
      }),
    });
    const policies = Object.values(stateful.findResources('AWS::S3::BucketPolicy'));
    // Returns, reports, the public site and the access logs: every one refuses plain HTTP.
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('serves only the public site to the public, through CloudFront with origin access control', () => {
    stateful.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD'],
        }),
        // The published reports from the bucket; the portal's paths (below) are the only other origin.
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
      }),
    });
    const publicBucket = Object.keys(stateful.findResources('AWS::S3::Bucket')).find((id) =>
      id.startsWith('PublicSiteBucket'),
    )!;
    const policy = Object.values(stateful.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === publicBucket,
    )!;
    const allows = policy.Properties.PolicyDocument.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
  });

  it('keeps the table: on demand, point-in-time recovery, deletion protection, retained', () => {
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('sends uploads under returns/ to a queue with a dead-letter queue behind it', () => {
    stateful.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'returns/' }] } },
          }),
        ],
      },
    });
    stateful.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }) });
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('runs each stage on Node.js 22; render alone on x64 with room for Chromium, shipped unbundled with its browser', () => {
    const functions = Object.values(stateless.findResources('AWS::Lambda::Function'));
    // ingest, aggregate, render, publish, sweep; the portal, its reminders and its workbooks.
    expect(functions).toHaveLength(8);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
    const printing = functions.filter((fn) => fn.Properties.Environment.Variables.FONTS_DIR);
    expect(printing).toHaveLength(1);
    for (const fn of functions.filter((f) => !printing.includes(f)))
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    for (const fn of printing) {
      expect(fn.Properties).toMatchObject({ Architectures: ['x86_64'], MemorySize: 2048 });
      const asset = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      // The package as installed, with the compressed browser it unpacks into /tmp, and its own dependencies.
      expect(existsSync(join(asset, 'node_modules/@sparticuz/chromium/bin/chromium.br'))).toBe(true);
      expect(existsSync(join(asset, 'node_modules/tar-fs/package.json'))).toBe(true);
      expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).toMatch(/from"@sparticuz\/chromium"/);
      // The disclosure audit's solver, with the WebAssembly it loads from beside itself.
      expect(existsSync(join(asset, 'node_modules/highs/build/highs.wasm'))).toBe(true);
      expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).toMatch(/from"highs"/);
    }
  });

  it('gives every function our defaults: a minified ESM bundle with its source map, source maps on, JSON logs kept a year, a timeout', () => {
    const logGroups = stateless.findResources('AWS::Logs::LogGroup');
    for (const fn of Object.values(stateless.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
      expect(fn.Properties.Timeout).toBeGreaterThanOrEqual(60);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(logGroups[fn.Properties.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays).toBe(365);
      const asset = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(2000); // minified: long lines, no indentation
      expect(existsSync(join(asset, 'index.mjs.map'))).toBe(true);
      expect(fn.Properties.Handler).toBe('index.handler');
    }
  });

  it("ships every stage the report templates and the deployed councils' data, and no other council's", () => {
    for (const fn of Object.values(stateless.findResources('AWS::Lambda::Function'))) {
      const asset = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      expect(readdirSync(join(asset, 'templates', 'councils'))).toEqual(['sefton']);
      expect(readdirSync(join(asset, 'templates', 'councils', 'sefton')).sort()).toEqual([
        'action-plan.json',
        'council.json',
        'providers.json',
        'requests.json',
        'return-definition.json',
      ]);
      expect(existsSync(join(asset, 'templates', 'forum-pack.hbs'))).toBe(true);
    }
  });

  it("tells every stage the deployment's recipients and disclosure threshold for each council", () => {
    const functions = Object.values(stateless.findResources('AWS::Lambda::Function'));
    for (const fn of functions) {
      expect(JSON.parse(fn.Properties.Environment.Variables.COUNCIL_SETTINGS)).toEqual({
        sefton: {
          disclosureThreshold: 4,
          notifications: {
            from: 'Homelessness reporting <homelessness.reporting@example.gov.uk>',
            officers: [
              'Homelessness Commissioner <homelessness.commissioner@example.gov.uk>',
              'Strategy Officer <housing.strategy@example.gov.uk>',
            ],
          },
        },
      });
    }
  });

  it('sweeps every night at 02:00 UK time for uploads whose event was missed, listing only under returns/', () => {
    const schedules = Object.values(stateless.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    const sweep = schedules.find((s) => s.ScheduleExpression === 'cron(0 2 * * ? *)');
    expect(sweep).toBeDefined();
    const sweepFunction = Object.keys(stateless.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('Sweep'),
    );
    expect(sweep!.Target.Arn).toEqual({ 'Fn::GetAtt': [sweepFunction, 'Arn'] });
    const lists = Object.values(stateless.findResources('AWS::IAM::Policy'))
      .flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: unknown }[],
      )
      .filter((statement) => [statement.Action].flat().includes('s3:ListBucket'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.Condition).toEqual({ StringLike: { 's3:prefix': ['returns/*'] } });
  });

  it('schedules the figures and then the pack on the 20th after each quarter, UK time, with retries and a dead-letter queue', () => {
    const schedules = Object.values(stateless.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(schedules.map((s) => s.ScheduleExpression).sort()).toEqual([
      'cron(0 2 * * ? *)',
      'cron(0 5 20 1,4,7,10 ? *)',
      'cron(0 6 20 1,4,7,10 ? *)',
      'cron(0 8 20 4 ? *)',
      'cron(0 9 * * ? *)', // the portal's daily reminders
    ]);
    for (const schedule of schedules) {
      expect(schedule.ScheduleExpressionTimezone).toBe('Europe/London');
      const input = JSON.parse(schedule.Target.Input);
      expect(input).toMatchObject({ council: 'sefton', scheduledTime: '<aws.scheduler.scheduled-time>' });
      if (schedule.ScheduleExpression === 'cron(0 8 20 4 ? *)') expect(input.annual).toBe(true);
      expect(schedule.Target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 3 });
      expect(schedule.Target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('routes a late return to aggregate, and revised figures to render, with retries', () => {
    const rules = Object.values(stateless.findResources('AWS::Events::Rule')).map((r) => r.Properties);
    const targetsOf = (detailType: string) =>
      rules.find((r) => r.EventPattern['detail-type'][0] === detailType)?.Targets;
    expect(targetsOf('Return accepted')).toHaveLength(1);
    expect(targetsOf('Figures revised')).toHaveLength(1);
    for (const target of [...targetsOf('Return accepted'), ...targetsOf('Figures revised')]) {
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 3 });
      expect(target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('raises an alarm to the operations topic when any dead-letter queue fills or any function errors', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const topic = Object.keys(stateless.findResources('AWS::SNS::Topic'))[0];
    expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(8);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it('gives each provider a policy for its own prefix, which denies every other provider’s', () => {
    const policies = stateful.findResources('AWS::IAM::ManagedPolicy');
    expect(Object.keys(policies)).toHaveLength(7);
    const returnsBucket = Object.keys(stateful.findResources('AWS::S3::Bucket')).find((id) =>
      id.startsWith('ReturnsBucket'),
    )!;
    const values = { [`${returnsBucket}.Arn`]: 'arn:aws:s3:::returns' };
    const athena = Object.values(policies).find((p) => String(p.Properties.Description).startsWith('Athena House'))!
      .Properties.PolicyDocument;
    // As hsr and the portal send them: every put with If-None-Match.
    const may = (action: string, key: string, context: RequestContext = { 's3:if-none-match': ['*'] }) =>
      allows(athena, action, `arn:aws:s3:::returns/${key}`, values, context);

    expect(may('s3:PutObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(true);
    expect(may('s3:GetObject', 'receipts/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.json')).toBe(true);
    expect(may('s3:PutObject', 'returns/sefton/riverside-intensive-floating-support/2025-26-Q2/x.xlsx')).toBe(false);
    expect(may('s3:GetObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(false);
    expect(may('s3:GetObject', 'receipts/sefton/riverside-families-project/2025-26-Q2/x.json')).toBe(false);
    expect(may('s3:PutObject', 'receipts/sefton/athena-house/2025-26-Q2/forged.json')).toBe(false);
    expect(may('s3:DeleteObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(
      false,
    );
    // A put is allowed only with If-None-Match, so no upload can be written over.
    const upload = (athena.Statement as { Sid: string; Condition?: unknown }[]).find(
      (s) => s.Sid === 'UploadOwnReturns',
    );
    expect(upload?.Condition).toEqual({ Null: { 's3:if-none-match': 'false' } });
    expect(may('s3:PutObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx', {})).toBe(
      false,
    );
  });

  it('lets ingest read uploads and write receipts, but never write over an upload', () => {
    // The portal's upload role is the one exception, held to each provider's policy (its own test, below).
    const uploadRole = Object.keys(stateless.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('PortalProviderUploadRole'),
    );
    const functionPolicies = Object.values(stateless.findResources('AWS::IAM::Policy')).filter(
      (policy) => !JSON.stringify(policy.Properties.Roles).includes(`"${uploadRole}"`),
    );
    const statements = functionPolicies.flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const puts = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:PutObject')));
    const putResources = JSON.stringify(puts.map((s) => s.Resource));
    expect(putResources).toContain('/receipts/*');
    expect(putResources).not.toContain('/returns/*');
    for (const statement of statements) expect([statement.Action].flat()).not.toContain('*');
  });

  it('grants no data-plane action on every resource: the one "*" is X-Ray, which has no resource-level permissions', () => {
    const statements = [stateful, stateless].flatMap((template) =>
      [
        ...Object.values(template.findResources('AWS::IAM::Policy')),
        ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
      ].flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
      ),
    );
    expect(statements.length).toBeGreaterThan(20);
    const onEverything = statements.filter((s) => [s.Resource].flat().includes('*'));
    expect(onEverything.flatMap((s) => [s.Action].flat()).every((action) => action.startsWith('xray:'))).toBe(true);
    for (const statement of statements) {
      for (const action of [statement.Action].flat())
        expect(action).not.toMatch(/^(s3|dynamodb|ses|sqs|events|lambda):\*$/);
    }
  });

  it('signs portal users in with Cognito: no self sign-up, MFA, providers and officers as groups, council and provider set only by an administrator', () => {
    stateless.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        DeletionProtection: 'ACTIVE',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'council', Mutable: false, AttributeDataType: 'String' }),
          Match.objectLike({ Name: 'provider', Mutable: false, AttributeDataType: 'String' }),
        ]),
      }),
    });
    const groups = Object.values(stateless.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['officers', 'providers']);
    // The authorization code flow only (PKCE is the app's), back to the portal on the public site's address; users cannot write their council or provider.
    const [client] = Object.values(stateless.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties);
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(client.CallbackURLs).toHaveLength(1);
    expect(JSON.stringify(client.CallbackURLs)).toMatch(/PublicSite.*DomainName.*\/portal\/sign-in\/callback/);
    expect(client.WriteAttributes).not.toContain('custom:council');
    expect(client.WriteAttributes).not.toContain('custom:provider');
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:council', 'custom:provider']));
  });

  it("serves the portal at /portal/ on the public site's own distribution: uncached, cookies and headers forwarded, security headers kept, through CloudFront only", () => {
    // Arrange: the public site's distribution, its behaviours and origins
    const [distribution] = Object.values(stateful.findResources('AWS::CloudFront::Distribution')).map(
      (d) => d.Properties.DistributionConfig,
    );
    const behaviours = distribution.CacheBehaviors as Record<string, unknown>[];
    const origins = distribution.Origins as { Id: string; DomainName: unknown; OriginCustomHeaders?: unknown[] }[];
    const [api] = Object.keys(stateful.findResources('AWS::ApiGatewayV2::Api'));

    // Assert: /portal and /portal/* (and nothing else) go to the API, not cached, every method, the viewer's
    // cookies, query and headers forwarded, with the origin header from Secrets Manager
    expect(behaviours.map((b) => b.PathPattern)).toEqual(['/portal/assets/*', '/portal/*', '/portal']);
    const [assets, ...pages] = behaviours;
    // Only the stylesheet, script and fonts, the same for everyone, are cached at the edge.
    expect(assets).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', // Managed-CachingOptimized
    });
    for (const behaviour of pages) {
      expect(behaviour).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        ResponseHeadersPolicyId: expect.anything(),
      });
    }
    for (const behaviour of behaviours) {
      const origin = origins.find((o) => o.Id === behaviour.TargetOriginId)!;
      expect(JSON.stringify(origin.DomainName)).toContain(api);
      expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
      expect(origin.OriginCustomHeaders?.map((h) => (h as { HeaderName: string }).HeaderName)).toEqual([
        'x-origin-verify',
      ]);
      expect(JSON.stringify(origin.OriginCustomHeaders)).toContain('resolve:secretsmanager');
    }
    // The published reports keep their own headers; the portal's add HSTS, nosniff and DENY to the app's own CSP.
    expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).not.toEqual(
      behaviours[0]!.ResponseHeadersPolicyId,
    );
    const portalHeaders = Object.entries(stateful.findResources('AWS::CloudFront::ResponseHeadersPolicy')).find(
      ([id]) => JSON.stringify(behaviours[0]!.ResponseHeadersPolicyId).includes(id),
    )![1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(portalHeaders).toMatchObject({
      StrictTransportSecurity: { Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
    expect(portalHeaders.ContentSecurityPolicy).toBeUndefined();
    // The stateless stack has no distribution of its own: it attaches the app to the stateful stack's API.
    expect(stateless.findResources('AWS::CloudFront::Distribution')).toEqual({});
    expect(stateless.findResources('AWS::Lambda::Url')).toEqual({});
    const portal = Object.entries(stateless.findResources('AWS::Lambda::Function')).find(
      ([, fn]) => fn.Properties.Environment.Variables.PORTAL_COUNCIL,
    )!;
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', ApiId: Match.anyValue() });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const [integration] = Object.values(stateless.findResources('AWS::ApiGatewayV2::Integration'));
    expect(JSON.stringify(integration!.Properties.IntegrationUri)).toContain(portal[0]);
    expect(JSON.stringify(portal[1].Properties.Environment.Variables.PORTAL_URL)).toContain('/portal');
    expect(Object.keys(portal[1].Properties.Environment.Variables)).toEqual(
      expect.arrayContaining([
        'COGNITO_USER_POOL_ID',
        'COGNITO_CLIENT_ID',
        'COGNITO_DOMAIN',
        'ORIGIN_VERIFY_SECRET_ARN',
      ]),
    );
    // Its stylesheet, script and fonts ship beside it.
    const asset = join(outdir, `asset.${String(portal[1].Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    expect(existsSync(join(asset, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'))).toBe(true);
  });

  it("signs upload forms under a role capped at returns/, which only the portal may assume, narrowed to each provider's own prefix", () => {
    const roles = stateless.findResources('AWS::IAM::Role');
    const [roleId, role] = Object.entries(roles).find(([id]) => id.startsWith('PortalProviderUploadRole'))!;
    const portalRole = Object.keys(roles).find((id) => id.startsWith('PortalAppServiceRole'))!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Action: 'sts:AssumeRole', Principal: { AWS: { 'Fn::GetAtt': [portalRole, 'Arn'] } } }),
    ]);
    const [policy] = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
    );
    const returns = 'arn:aws:s3:::returns';
    const values = { 'sefton-stateful-ReturnsBucketArn': returns };
    const document = JSON.parse(
      JSON.stringify(policy!.Properties.PolicyDocument).replace(
        /\{"Fn::ImportValue":"sefton-stateful-ReturnsBucketArn"\}/g,
        `"${returns}"`,
      ),
    );
    const may = (action: string, key: string) => allows(document, action, `${returns}/${key}`, values);
    expect(may('s3:PutObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(true);
    expect(may('s3:PutObject', 'receipts/sefton/athena-house/2025-26-Q2/forged.json')).toBe(false);
    expect(may('s3:GetObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(false);
  });

  it('reminds providers every day at 09:00 UK time, with retries and a dead-letter queue', () => {
    const reminders = Object.values(stateless.findResources('AWS::Scheduler::Schedule')).find((s) =>
      String(s.Properties.Description).startsWith('Remind sefton'),
    )!;
    expect(reminders.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: { RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: expect.anything() },
    });
    expect(JSON.parse(reminders.Properties.Target.Input)).toMatchObject({ council: 'sefton' });
  });
});
