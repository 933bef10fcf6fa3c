import { type CfnElement, CfnOutput, Duration, Fn, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import {
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpApi,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PORTAL_ATTRIBUTES, PORTAL_GROUPS } from '../functions/adapters/cognito-identity.ts';
import { ENV } from '../functions/commons/config.ts';
import { PRINT_FONTS } from '../functions/core/print-fonts.ts';
import { PORTAL_PATH } from '../functions/portal/portal-path.ts';
import type { DeploymentConfig } from './deployment-config.ts';
import { PipelineFunction, type PipelineFunctionProps, type SharedBucket } from './pipeline-function.ts';

export interface PortalProps {
  readonly portal: NonNullable<DeploymentConfig['portal']>;
  /** The SES identity reminders are sent from, as the packs are. */
  readonly sesIdentity: string;
  readonly councils: PipelineFunctionProps['councils'];
  readonly returns: SharedBucket;
  readonly reports: SharedBucket;
  readonly table: ITableV2;
  /** The stages an officer's page invokes: a re-run (aggregate, then render) and an approval (publish). */
  readonly stages: { readonly aggregate: IFunction; readonly render: IFunction; readonly publish: IFunction };
  /** Where the reminder schedule's failed invocations go. */
  readonly scheduleDeadLetters: IQueue;
  /** Where the portal answers, from the stateful stack: `/portal/*` of the public site, sent to this API. */
  readonly address: { readonly api: IHttpApi; readonly originVerify: ISecret };
  /** The public site's address, `https://<host>`: the portal is at `<host>/portal/`. */
  readonly siteOrigin: string;
}

/** The files the portal's pages load (stylesheet, GOV.UK Frontend's script, fonts), shipped beside its code. */
function portalFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const ship = (path: string) => {
    files[`node_modules/${path}`] = `node_modules/${path}`;
  };
  ship('govuk-frontend/package.json');
  ship('govuk-frontend/dist/govuk/govuk-frontend.min.css');
  ship('govuk-frontend/dist/govuk/govuk-frontend.min.js');
  for (const font of PRINT_FONTS) {
    ship(`${font.fontPackage}/package.json`);
    ship(`${font.fontPackage}/files/${font.file}`);
  }
  return files;
}

/**
 * The web portal on AWS: a Cognito user pool (providers and officers as groups, each user tied to
 * its council and provider by attributes only an administrator sets), sign-in by the authorization
 * code flow with PKCE, the same Hono app `hsr serve` runs as a function answering the public site's
 * `/portal/*` through the stateful stack's API (refusing any request that did not come through
 * CloudFront), and the daily reminders.
 */
export class Portal extends Construct {
  readonly userPool: UserPool;
  readonly app: PipelineFunction;
  readonly reminders: PipelineFunction;
  /** Makes a provider's pre-filled workbook for the portal. */
  readonly template: PipelineFunction;
  /** The role presigned POSTs are signed under, narrowed each time to one provider's own policy. */
  readonly uploadRole: Role;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    const { portal } = props;
    const origin = props.siteOrigin;
    const portalUrl = `${origin}${PORTAL_PATH}`;

    // Users live here: retained, and protected from deletion, whatever happens to the stack.
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: undefined,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      customAttributes: {
        [PORTAL_ATTRIBUTES.council]: new StringAttribute({ mutable: false, minLen: 3, maxLen: 40 }),
        [PORTAL_ATTRIBUTES.provider]: new StringAttribute({ mutable: false, minLen: 3, maxLen: 80 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnUserPoolGroup(this, 'ProvidersGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: PORTAL_GROUPS.providers,
      description: "Provider users: each sees and uploads only its own provider's returns (custom:provider)",
    });
    new CfnUserPoolGroup(this, 'OfficersGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: PORTAL_GROUPS.officers,
      description: 'Council officers: the quarter at a glance, reminders, re-runs and approval (custom:council)',
    });
    const signInDomain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: portal.cognitoDomainPrefix },
    });
    const client = this.userPool.addClient('PortalClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${portalUrl}/sign-in/callback`],
        logoutUrls: [`${portalUrl}/sign-in`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(15),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, fullname: true })
        .withCustomAttributes(PORTAL_ATTRIBUTES.council, PORTAL_ATTRIBUTES.provider),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // The session cookie's key (the header that proves a request came through CloudFront is the stateful stack's).
    const sessionSecret = new Secret(this, 'SessionSecret', {
      description: "The portal's sessionSecret",
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'sessionSecret',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(sessionSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating it signs everyone out: rotated by a deployment, not on a timer.',
    });
    const originVerify = props.address.originVerify;

    // Reminders: every day at the configured hour (below), and an officer's, through the same mailer as the packs.
    this.reminders = new PipelineFunction(this, 'Reminders', { stage: 'remind', councils: props.councils })
      .useTable(ENV.table, props.table, ['GetItem', 'Query', 'PutItem'], [portal.council])
      .sendsEmailAs(props.sesIdentity);
    this.reminders.addEnvironment(ENV.portalUrl, portalUrl);
    // A provider's pre-filled workbook is made apart, so exceljs stays out of the portal's own bundle.
    this.template = new PipelineFunction(this, 'Template', { stage: 'template', councils: props.councils }).useTable(
      ENV.table,
      props.table,
      ['GetItem', 'Query'],
      [portal.council],
    );

    this.app = new PipelineFunction(this, 'App', {
      stage: 'portal',
      councils: props.councils,
      memorySize: 1024,
      files: portalFiles(),
      environment: {
        [ENV.portalCouncil]: portal.council,
        [ENV.portalUrl]: portalUrl,
        [ENV.cognitoUserPoolId]: this.userPool.userPoolId,
        [ENV.cognitoClientId]: client.userPoolClientId,
        [ENV.cognitoDomain]: signInDomain.baseUrl(),
        [ENV.portalSecretArn]: sessionSecret.secretArn,
        [ENV.originVerifySecretArn]: originVerify.secretArn,
        [ENV.aggregateFunction]: props.stages.aggregate.functionName,
        [ENV.renderFunction]: props.stages.render.functionName,
        [ENV.publishFunction]: props.stages.publish.functionName,
        [ENV.remindFunction]: this.reminders.functionName,
        [ENV.templateFunction]: this.template.functionName,
      },
    })
      .useTable(ENV.table, props.table, ['GetItem', 'Query'], [portal.council])
      .useBucket(ENV.returnsBucket, props.returns, 'read', 'returns/')
      .useBucket(ENV.reportsBucket, props.reports, 'read');
    // Receipts beside the uploads: read, never written, by the portal.
    this.app.grantObjects(props.returns, 'read', 'receipts/');
    sessionSecret.grantRead(this.app);
    originVerify.grantRead(this.app);
    for (const stage of [...Object.values(props.stages), this.reminders, this.template]) {
      stage.grantInvoke(this.app);
      const stageId = Stack.of(this).getLogicalId(stage.node.defaultChild as CfnElement);
      Validations.of(this.app).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stageId}.Arn>:*]`,
        reason: 'Invoking one stage function and its versions, as grantInvoke does: a re-run or an approval.',
      });
    }

    // Presigned POSTs are signed in a session of this role narrowed to the provider's own prefix:
    // the role reaches returns/ only, each session one provider's returns/<council>/<provider>/.
    this.uploadRole = new Role(this, 'ProviderUploadRole', {
      assumedBy: this.app.grantPrincipal,
      description: "Signs one provider's upload form, in a session narrowed to that provider's generated policy",
      maxSessionDuration: Duration.hours(1),
    });
    this.uploadRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [`${Fn.importValue(props.returns.arnExport)}/returns/*`],
      }),
    );
    this.uploadRole.grantAssumeRole(this.app.grantPrincipal);
    this.app.addEnvironment(ENV.providerUploadRoleArn, this.uploadRole.roleArn);
    Validations.of(this.uploadRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${props.returns.arnExport}/returns/*]`,
      reason:
        "The upper bound only: every session is narrowed to one provider's generated policy (its own prefix), and each upload has a key of its own.",
    });

    // The portal's requests, as CloudFront sends them from /portal/*, reach the app through the stateful stack's API.
    new HttpRoute(this, 'Route', {
      httpApi: props.address.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('App', this.app),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The app signs people in itself (Cognito, by the code flow with PKCE) and refuses any request without the header CloudFront adds.',
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'Stage', {
      httpApi: props.address.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });

    const logicalId = Stack.of(this).getLogicalId(this.reminders.node.defaultChild as CfnElement);
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason: 'The Scheduler target role is granted one function and its versions, as the L2 LambdaInvoke target does.',
    });
    new Schedule(this, `DailyReminders-${portal.council}`, {
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: String(portal.reminderHour),
        timeZone: TimeZone.EUROPE_LONDON,
      }),
      target: new LambdaInvoke(this.reminders, {
        input: ScheduleTargetInput.fromObject({
          council: portal.council,
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: props.scheduleDeadLetters,
      }),
      description: `Remind ${portal.council}'s providers a week before their return is due, and the day after if it is missing`,
    });

    new CfnOutput(this, 'PortalUrl', {
      value: `${portalUrl}/`,
      description: 'The portal for providers and officers, on the public site',
    });
    new CfnOutput(this, 'PortalUserPoolId', {
      value: this.userPool.userPoolId,
      description: 'Add users here, in the providers or officers group, with custom:council (and custom:provider)',
    });
  }
}
