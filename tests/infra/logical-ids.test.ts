import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { loadDeploymentConfig } from '../../infra/deployment-config.ts';
import snapshot from './logical-ids.json' with { type: 'json' };

/**
 * Construct ids are a contract: a changed logical id makes CloudFormation replace the resource (a
 * table or bucket lost, a function's alarms reset). logical-ids.json lists every resource and
 * output of both deployments, taken before the stateless stack was split into named parts; each
 * must still be there, with its type. New resources may be added.
 */
describe('logical ids', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'hsr-ids-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('keeps every logical id of both deployments, with its type', { timeout: 240_000 }, () => {
    // Arrange & act: both deployments synthesised without bundling (ids do not depend on code).
    const found: Record<string, string[]> = {};
    for (const name of ['sefton', 'sefton-training']) {
      const app = new App({ outdir: join(outdir, name), context: { 'aws:cdk:bundling-stacks': [] } });
      const { stateful, stateless } = buildApp(app, loadDeploymentConfig(name));
      for (const stack of [stateful, stateless]) {
        const template = Template.fromStack(stack).toJSON() as {
          Resources: Record<string, { Type: string }>;
          Outputs?: Record<string, unknown>;
        };
        found[stack.stackName] = [
          ...Object.entries(template.Resources).map(([id, resource]) => `${id} ${resource.Type}`),
          ...Object.keys(template.Outputs ?? {}).map((id) => `${id} Output`),
        ];
      }
    }

    // Assert
    expect(Object.keys(found).sort()).toEqual(Object.keys(snapshot).sort());
    for (const [stack, ids] of Object.entries(snapshot as Record<string, string[]>)) {
      expect(found[stack], stack).toEqual(expect.arrayContaining(ids));
    }
  });
});
