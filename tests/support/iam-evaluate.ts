/**
 * Just enough of IAM's evaluation to ask "may this policy do that?": Allow statements whose action
 * and resource patterns (with `*`) match, and whose conditions hold for the request's context
 * (StringLike, StringEquals and their ForAllValues forms, Null; any other operator throws rather than
 * guess). CloudFormation references are replaced by the values a test gives for them.
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

/** A request's condition keys, each with its values (`dynamodb:LeadingKeys`: the partition keys it touches). */
export type RequestContext = Readonly<Record<string, readonly string[]>>;

type Conditions = Record<string, Record<string, string | string[]>>;

function conditionHolds(operator: string, key: string, allowed: string[], context: RequestContext): boolean {
  const present = context[key] ?? [];
  const matches = (value: string) =>
    allowed.some((pattern) => (operator.endsWith('StringLike') ? glob(pattern).test(value) : pattern === value));
  switch (operator) {
    case 'StringLike':
    case 'StringEquals':
      return present.length > 0 && present.some(matches);
    case 'ForAllValues:StringLike':
    case 'ForAllValues:StringEquals':
      return present.every(matches);
    case 'Null':
      // "true": the key must be absent from the request; "false": present.
      return allowed.every((absent) => (absent === 'true') === (present.length === 0));
    default:
      throw new Error(`iam-evaluate does not know the condition operator ${operator}`);
  }
}

export function allows(
  document: {
    Statement: { Effect: string; Action: string | string[]; Resource: Json | Json[]; Condition?: Conditions }[];
  },
  action: string,
  resource: string,
  values: Record<string, string>,
  context: RequestContext = {},
): boolean {
  return document.Statement.some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const actions = [statement.Action].flat();
    const resources = (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map((r) =>
      resolveResource(r, values),
    );
    const conditions = Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, allowed]) => conditionHolds(operator, key, [allowed].flat(), context)),
    );
    return actions.some((a) => glob(a).test(action)) && resources.some((r) => glob(r).test(resource)) && conditions;
  });
}
