import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS, METRICS_NAMESPACE } from '../../functions/core/operational-metrics.ts';
import { buildApp } from '../../infra/app.ts';
import { allows } from '../support/iam-evaluate.ts';

/**
 * What operations is given: every function traced and writing metrics under the one namespace,
 * a dashboard that shows them, and a runbook in the README for every alarm the stacks create.
 */
describe('operations', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'hsr-ops-'));
  let templates: Template[];
  let stateless: Template;
  beforeAll(() => {
    // Synthesised without bundling: none of this depends on the code.
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stacks = buildApp(app);
    stateless = Template.fromStack(stacks.stateless);
    templates = [Template.fromStack(stacks.stateful), stateless];
  }, 240_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const functions = () => Object.entries(stateless.findResources('AWS::Lambda::Function'));
  const pipelineFunctions = () => functions().filter(([, fn]) => fn.Properties.Environment?.Variables?.TEMPLATES_DIR);

  it('traces every function with X-Ray, and lets its role send the trace segments', () => {
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy'));
    expect(pipelineFunctions().map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual(
      expect.arrayContaining(['Ingest', 'Aggregate', 'Render', 'Publish', 'Sweep']),
    );
    for (const [id, fn] of pipelineFunctions()) {
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      const role = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
      const policy = policies.find((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role));
      for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'])
        expect(allows(policy!.Properties.PolicyDocument, action, '*', {}), `${id} ${action}`).toBe(true);
    }
  });

  it('gives every function the one metrics namespace and service name', () => {
    for (const [id, fn] of pipelineFunctions()) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_SERVICE_NAME: 'homelessness-reporting',
      });
    }
  });

  it("has a dashboard of uploads by outcome, receipt latency, each function's health, dead letters and the last pack", () => {
    const dashboards = Object.values(stateless.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    // Every metric the functions record, under the namespace they write to.
    expect(body).toContain(`\\"${METRICS_NAMESPACE}\\"`);
    for (const { name } of Object.values(METRICS)) expect(body, name).toContain(`\\"${name}\\"`);
    // Rejections by reason, found by their dimension.
    expect(body).toContain('Reason');
    // Each function's errors, throttles and duration, by its own name.
    for (const [id] of pipelineFunctions()) {
      expect(body, id).toContain(`{"Ref":"${id}"}`);
    }
    for (const metric of ['Errors', 'Throttles', 'Duration']) expect(body).toContain(`\\"${metric}\\"`);
    // The three dead-letter queues' depths.
    expect(body.match(/ApproximateNumberOfMessagesVisible/g)).toHaveLength(3);
    // When each council's last pack was made, from render's log.
    expect(body).toContain('quarter reports rendered');
    expect(body).toContain('by council');
  });

  it("has a runbook heading in the README for every alarm the stacks create, and none for an alarm that isn't there", () => {
    // Arrange: the alarms by construct id (the logical id without CDK's hash).
    const alarms = templates
      .flatMap((template) => Object.keys(template.findResources('AWS::CloudWatch::Alarm')))
      .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
      .sort();
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const runbook = readme.slice(
      readme.indexOf('\n## Runbook'),
      readme.indexOf('\n## ', readme.indexOf('\n## Runbook') + 1),
    );

    // Act
    const headings = [...runbook.matchAll(/^#### `?(\w+)`?/gm)].map((match) => match[1]).sort();

    // Assert
    expect(alarms.length).toBeGreaterThanOrEqual(8);
    expect(headings).toEqual(alarms);
  });
});
