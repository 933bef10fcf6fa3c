import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  Distribution,
  HeadersReferrerPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AttributeType, Billing, type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.ts';
import type { DeployedCouncil, DeploymentConfig } from './deployment-config.ts';
import { BASIC_EXECUTION_ROLE_FINDING } from './pipeline-function.ts';
import { PortalAddress } from './portal-address.ts';
import { ProviderPolicies } from './provider-policies.ts';
import { securityHeaders } from './security-headers.ts';

/**
 * What must outlive any deployment of the code: the returns as they arrived, the reports, the
 * table, and the queue that carries upload events (kept here so the bucket's notification does
 * not make this stack depend on the functions).
 */
export interface StatefulStackProps extends StackProps {
  /** Councils served: their registers decide the provider policies. */
  readonly councils: readonly DeployedCouncil[];
  /** The public site's own address and certificate. @default - the CloudFront address */
  readonly publicSiteDomain?: DeploymentConfig['publicSiteDomain'];
  /** Serve the providers' and officers' portal under the public site's `/portal/`. @default false */
  readonly portal?: boolean;
}

export class StatefulStack extends Stack {
  readonly returnsBucket: IBucket;
  readonly reportsBucket: IBucket;
  /** The public site's content: published scrutiny reports and their index, nothing else. */
  readonly publicSiteBucket: IBucket;
  /** The public site: CloudFront in front of the public-site bucket (and the portal under `/portal/`, if any). */
  readonly publicSite: Distribution;
  /** The public site's address, `https://<host>`: its own domain if configured, else CloudFront's. */
  readonly publicSiteOrigin: string;
  /** Where the portal answers, when the deployment has one: the stateless stack attaches its function there. */
  readonly portalAddress?: PortalAddress;
  readonly table: ITableV2;
  readonly uploadsQueue: IQueue;
  /** Where uploads that ingest could not handle end up; an alarm watches it. */
  readonly uploadsDeadLetterQueue: IQueue;
  /** Export names of the buckets' ARNs, for the object grants in the stateless stack. */
  readonly bucketArnExports: { readonly returns: string; readonly reports: string; readonly publicSite: string };

  /** Each provider's IAM policy: its own uploads and receipts only. */
  readonly providerPolicies: ProviderPolicies;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    // Who read or wrote which object, for every bucket below; kept for a year.
    const accessLogs = new Bucket(this, 'AccessLogsBucket', {
      ...privateBucket,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself: logging it to itself would loop.',
    });
    const logged = (prefix: string) => ({
      ...privateBucket,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: `${prefix}/`,
    });

    // Every upload is kept as it arrived: versioned, and no lifecycle rule ever expires one.
    this.returnsBucket = new Bucket(this, 'ReturnsBucket', logged('returns'));
    this.reportsBucket = new Bucket(this, 'ReportsBucket', logged('reports'));
    // Private too: the public reach it only through CloudFront, signed in by origin access control.
    this.publicSiteBucket = new Bucket(this, 'PublicSiteBucket', logged('public-site'));
    // The site is one HTML page (its own inline stylesheet, no script) and PDFs: nothing else may load or frame it.
    const headers = securityHeaders(this, 'PublicSiteHeaders', {
      comment: 'Security headers for the published reports site',
      referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
      contentSecurityPolicy:
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
    this.publicSite = new Distribution(this, 'PublicSite', {
      comment: 'Published Overview & Scrutiny reports and their index',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.publicSiteBucket),
        responseHeadersPolicy: headers,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      },
      defaultRootObject: 'index.html',
      ...(props.publicSiteDomain
        ? {
            domainNames: [props.publicSiteDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'PublicSiteCertificate',
              props.publicSiteDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    const site = (id: string, reason: string) => Validations.of(this.publicSite).acknowledge({ id, reason });
    site(
      'AwsSolutions-CFR1',
      'Published reports are public documents for anyone, anywhere: no geographic restriction.',
    );
    site(
      'AwsSolutions-CFR2',
      'A static site of PDFs and one HTML page, read-only (GET and HEAD): no WAF rules to apply yet.',
    );
    site(
      'AwsSolutions-CFR3',
      'Access to the site is logged by S3 server access logs on its bucket; CloudFront standard logs need bucket ACLs, which the log bucket forbids.',
    );
    if (!props.publicSiteDomain) {
      site(
        'AwsSolutions-CFR4',
        'No council domain is configured (publicSiteDomain), so the site uses the CloudFront domain, whose certificate and TLS policy CloudFront manages.',
      );
    }
    const host = props.publicSiteDomain?.domainName ?? this.publicSite.distributionDomainName;
    this.publicSiteOrigin = `https://${host}`;
    if (props.portal) this.portalAddress = new PortalAddress(this, 'Portal', { site: this.publicSite });
    new CfnOutput(this, 'PublicSiteUrl', {
      value: `https://${host}/`,
      description: 'The public site of published reports',
    });
    if (props.publicSiteDomain) {
      new CfnOutput(this, 'PublicSiteDnsTarget', {
        value: this.publicSite.distributionDomainName,
        description: `Point ${props.publicSiteDomain.domainName} here (CNAME, or an alias record)`,
      });
    }

    this.providerPolicies = new ProviderPolicies(this, 'ProviderPolicies', {
      councils: props.councils,
      returnsBucket: this.returnsBucket,
    });

    const exportArn = (bucket: IBucket, name: string) => {
      this.exportValue(bucket.bucketArn, { name: `${this.stackName}-${name}` });
      return `${this.stackName}-${name}`;
    };
    this.bucketArnExports = {
      returns: exportArn(this.returnsBucket, 'ReturnsBucketArn'),
      reports: exportArn(this.reportsBucket, 'ReportsBucketArn'),
      publicSite: exportArn(this.publicSiteBucket, 'PublicSiteBucketArn'),
    };

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const deadLetters = deadLetterQueue(this, 'UploadsDeadLetterQueue');
    this.uploadsDeadLetterQueue = deadLetters;
    this.uploadsQueue = new Queue(this, 'UploadsQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the ingest function's timeout, as Lambda's SQS guidance asks.
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
    });
    // What the CLI's --aws mode reads from the outputs file (`npm run deploy` writes it).
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('ReturnsBucketName', this.returnsBucket.bucketName, 'Uploads as they arrived, and their receipts');
    output('ReportsBucketName', this.reportsBucket.bucketName, 'Rendered packs and reports');
    output('PublicSiteBucketName', this.publicSiteBucket.bucketName, "The public site's content");
    output('TableName', this.table.tableName, 'Returns, figures and published reports');
    this.returnsBucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.uploadsQueue), {
      prefix: 'returns/',
    });
    // CDK's own custom resource that sets the notification up.
    Validations.of(this).acknowledge({
      id: BASIC_EXECUTION_ROLE_FINDING,
      reason: "CDK's bucket-notifications handler uses AWSLambdaBasicExecutionRole only to write its own logs.",
    });
  }
}
