import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ProviderRegisterSchema } from '../functions/core/provider-register.ts';

const TEMPLATES = join(import.meta.dirname, '../templates/councils');

/**
 * One IAM policy per provider, generated from each council's register: a provider may put files
 * only under its own prefix and read only its own receipts. The upload portal assumes these.
 */
export class ProviderPolicies extends Construct {
  /** By `<council>/<provider>`. */
  readonly policies = new Map<string, ManagedPolicy>();

  constructor(scope: Construct, id: string, props: { readonly councils: readonly string[]; readonly returnsBucket: IBucket }) {
    super(scope, id);
    const stack = Stack.of(this);
    const bucketArn = `<${stack.getLogicalId(props.returnsBucket.node.defaultChild as CfnElement)}.Arn>`;
    for (const council of props.councils) {
      const council_ = JSON.parse(readFileSync(join(TEMPLATES, council, 'council.json'), 'utf8')) as { providerRegister: string };
      const register = ProviderRegisterSchema.parse(JSON.parse(readFileSync(join(TEMPLATES, council, council_.providerRegister), 'utf8')));
      for (const provider of register.providers) {
        const uploads = `returns/${council}/${provider.id}/*`;
        const receipts = `receipts/${council}/${provider.id}/*`;
        const policy = new ManagedPolicy(this, `${council}-${provider.id}`, {
          description: `${provider.name} (${council}): upload its own returns and read its own receipts, nothing else`,
          statements: [
            new PolicyStatement({ sid: 'UploadOwnReturns', actions: ['s3:PutObject'], resources: [props.returnsBucket.arnForObjects(uploads)] }),
            new PolicyStatement({ sid: 'ReadOwnReceipts', actions: ['s3:GetObject'], resources: [props.returnsBucket.arnForObjects(receipts)] }),
          ],
        });
        for (const keys of [uploads, receipts]) {
          Validations.of(policy).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${bucketArn}/${keys}]`,
            reason: 'A provider is limited to its own prefix; each upload has a key of its own, so no key can be named in advance.',
          });
        }
        this.policies.set(`${council}/${provider.id}`, policy);
      }
    }
  }
}
