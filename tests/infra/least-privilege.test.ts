import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { allows } from '../support/iam-evaluate.ts';

/**
 * Each function's role, evaluated: the DynamoDB calls its stage sends and no others, only on the
 * partitions of the councils it serves; and the public site's response headers.
 */
describe('least privilege', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'hsr-iam-'));
  let stateful: Template;
  let stateless: Template;
  beforeAll(() => {
    // Synthesised without bundling: permissions do not depend on the code.
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stacks = buildApp(app);
    stateful = Template.fromStack(stacks.stateful);
    stateless = Template.fromStack(stacks.stateless);
  }, 240_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const TABLE = 'arn:aws:dynamodb:eu-west-2:111122223333:table/hsr';
  /** The role policy of the function whose logical id starts with `name`, with the table's ARN filled in. */
  function roleOf(name: string) {
    const [fnId, fn] = Object.entries(stateless.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith(name),
    )!;
    const role = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const policy = Object.values(stateless.findResources('AWS::IAM::Policy')).find((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role),
    );
    expect(policy, `${fnId}'s policy`).toBeDefined();
    const tableImport = JSON.stringify(policy!.Properties.PolicyDocument).match(
      /"Fn::ImportValue":"([^"]+Table[^"]+Arn[^"]*)"/,
    );
    const values: Record<string, string> = {};
    const document = JSON.parse(
      JSON.stringify(policy!.Properties.PolicyDocument).replace(
        /\{"Fn::ImportValue":"[^"]*Table[^"]*Arn[^"]*"\}/g,
        JSON.stringify(TABLE),
      ),
    );
    expect(tableImport, `${fnId} names the table`).not.toBeNull();
    return (action: string, partition = 'COUNCIL#sefton#QUARTER#2025-26-Q2') =>
      allows(document, `dynamodb:${action}`, TABLE, values, { 'dynamodb:LeadingKeys': [partition] });
  }

  const CALLS = ['GetItem', 'Query', 'PutItem', 'BatchWriteItem', 'UpdateItem', 'DeleteItem', 'Scan', 'BatchGetItem'];
  const sent: Record<string, string[]> = {
    Ingest: ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'],
    Sweep: ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'],
    Aggregate: ['GetItem', 'Query', 'BatchWriteItem'],
    Render: ['GetItem', 'Query'],
    Publish: ['GetItem', 'Query', 'BatchWriteItem'],
  };

  it.each(Object.entries(sent))('lets %s send only the DynamoDB calls it makes', (name, calls) => {
    const may = roleOf(name);
    expect(CALLS.filter((call) => may(call))).toEqual(calls);
  });

  it.each(Object.keys(sent))("keeps %s to the served councils' partitions", (name) => {
    const may = roleOf(name);
    expect(may('Query', 'COUNCIL#sefton#QUARTER#2025-26-Q2')).toBe(true);
    expect(may('Query', 'COUNCIL#sefton#HEADLINES')).toBe(true);
    expect(may('Query', 'COUNCIL#knowsley#QUARTER#2025-26-Q2')).toBe(false);
    expect(may('GetItem', 'COUNCIL#seftonx#PUBLISHED')).toBe(false);
  });

  it('sends security headers from the public site: HSTS, nosniff, frame options and a content security policy', () => {
    const [policyId, policy] = Object.entries(stateful.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({
      Override: true,
      IncludeSubdomains: true,
      AccessControlMaxAgeSec: expect.any(Number),
    });
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toMatch(/default-src 'none'/);
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toMatch(/frame-ancestors 'none'/);
    const distribution = Object.values(stateful.findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(distribution.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: policyId,
    });
  });
});
