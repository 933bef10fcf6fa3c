import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue with our defaults: encrypted, SSL only, kept for 14 days. `heldFor` names
 * what fails into it when that is a schedule or rule target, which cdk-nag cannot see as a DLQ.
 */
export function deadLetterQueue(scope: Construct, id: string, heldFor?: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  if (heldFor)
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of ${heldFor}.`,
    });
  return queue;
}
