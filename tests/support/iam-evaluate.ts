/**
 * Just enough of IAM's evaluation to ask "may this policy do that?": Allow statements whose action
 * and resource patterns (with `*`) match. CloudFormation references are replaced by the values a
 * test gives for them.
 */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function resolveResource(resource: Json, values: Record<string, string>): string {
  if (typeof resource === 'string') return resource;
  if (resource && typeof resource === 'object' && !Array.isArray(resource)) {
    if ('Fn::Join' in resource) {
      const [delimiter, parts] = resource['Fn::Join'] as [string, Json[]];
      return parts.map((part) => resolveResource(part, values)).join(delimiter);
    }
    if ('Fn::GetAtt' in resource) return values[(resource['Fn::GetAtt'] as string[]).join('.')] ?? '<unknown>';
    if ('Ref' in resource) return values[resource.Ref as string] ?? '<unknown>';
  }
  return '<unknown>';
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

export function allows(
  document: { Statement: { Effect: string; Action: string | string[]; Resource: Json | Json[] }[] },
  action: string,
  resource: string,
  values: Record<string, string>,
): boolean {
  return document.Statement.some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const actions = [statement.Action].flat();
    const resources = (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map((r) =>
      resolveResource(r, values),
    );
    return actions.some((a) => glob(a).test(action)) && resources.some((r) => glob(r).test(resource));
  });
}
