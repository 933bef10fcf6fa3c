import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { S3Event, SQSEvent } from 'aws-lambda';
import type { PutResult } from '#adapters/s3-files.ts';

/**
 * The events Lambda would receive on AWS, built by the local runner because the embedded servers
 * raise none: an S3 ObjectCreated notification, and EventBridge Scheduler's target input.
 */
export function objectCreatedEvent(
  bucket: string,
  key: string,
  put: PutResult,
  at: Date,
  region = 'eu-west-2',
): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:LOCALRUNNER' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          'x-amz-id-2': randomBytes(32).toString('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'returns-uploaded',
          bucket: { name: bucket, ownerIdentity: { principalId: 'LOCALRUNNER' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            // S3 URL-encodes keys in notifications, with spaces as '+'.
            key: key
              .split('/')
              .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
              .join('/'),
            size: put.size,
            eTag: put.eTag,
            ...(put.versionId ? { versionId: put.versionId } : {}),
            sequencer: at.getTime().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      },
    ],
  };
}

/** S3 notifications reach the ingest function through an SQS queue: one message per notification. */
export function sqsEvent(notification: S3Event, at: Date, queue = 'uploads', region = 'eu-west-2'): SQSEvent {
  const body = JSON.stringify(notification);
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: randomBytes(48).toString('base64'),
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(at.getTime()),
          SenderId: 'AIDAS3NOTIFICATIONS',
          ApproximateFirstReceiveTimestamp: String(at.getTime()),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${region}:000000000000:${queue}`,
        awsRegion: region,
      },
    ],
  };
}

/**
 * EventBridge Scheduler invokes a Lambda target with the schedule's input as the event, here
 * `{ "council": "...", "scheduledTime": "<aws.scheduler.scheduled-time>" }`; a re-run names the quarter.
 */
export function scheduledRunEvent(
  council: string,
  options: {
    quarter?: string;
    year?: string;
    scheduledTime?: Date;
    confirmMissingReturns?: boolean;
    approvedBy?: string;
  },
): Record<string, string | boolean> {
  return {
    council,
    ...(options.confirmMissingReturns ? { confirmMissingReturns: true } : {}),
    ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}),
    ...(options.quarter ? { quarter: options.quarter } : {}),
    ...(options.year ? { year: options.year } : {}),
    ...(options.scheduledTime ? { scheduledTime: options.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
  };
}
