import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CouncilSchema } from '../functions/core/council.ts';
import { ProviderRegisterSchema } from '../functions/core/provider-register.ts';
import { councilDataFolder, type DeployedCouncil } from './deployment-config.ts';

/**
 * One IAM policy per provider, generated from each council's register: a provider may put files
 * only under its own prefix and read only its own receipts. The upload portal assumes these.
 */
export class ProviderPolicies extends Construct {
  /** By `<council>/<provider>`. */
  readonly policies = new Map<string, ManagedPolicy>();

  constructor(
    scope: Construct,
    id: string,
    props: { readonly councils: readonly DeployedCouncil[]; readonly returnsBucket: IBucket },
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    const bucketArn = `<${stack.getLogicalId(props.returnsBucket.node.defaultChild as CfnElement)}.Arn>`;
    for (const deployed of props.councils) {
      const folder = councilDataFolder(deployed);
      const readJson = (file: string): unknown => JSON.parse(readFileSync(join(folder, file), 'utf8'));
      const { id: council, providerRegister } = CouncilSchema.parse(readJson('council.json'));
      const register = ProviderRegisterSchema.parse(readJson(providerRegister));
      for (const provider of register.providers) {
        const uploads = `returns/${council}/${provider.id}/*`;
        const receipts = `receipts/${council}/${provider.id}/*`;
        const policy = new ManagedPolicy(this, `${council}-${provider.id}`, {
          description: `${provider.name} (${council}): upload its own returns and read its own receipts, nothing else`,
          statements: [
            new PolicyStatement({
              sid: 'UploadOwnReturns',
              actions: ['s3:PutObject'],
              resources: [props.returnsBucket.arnForObjects(uploads)],
              // Only with If-None-Match: a provider's put can never replace an upload already kept.
              conditions: { Null: { 's3:if-none-match': 'false' } },
            }),
            new PolicyStatement({
              sid: 'ReadOwnReceipts',
              actions: ['s3:GetObject'],
              resources: [props.returnsBucket.arnForObjects(receipts)],
            }),
          ],
        });
        for (const keys of [uploads, receipts]) {
          Validations.of(policy).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${bucketArn}/${keys}]`,
            reason:
              'A provider is limited to its own prefix; each upload has a key of its own, so no key can be named in advance.',
          });
        }
        this.policies.set(`${council}/${provider.id}`, policy);
      }
    }
  }
}
