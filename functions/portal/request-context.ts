import type { Context } from 'hono';
import type { PortalUser } from '#core/ports.ts';
import type { Session } from './session.ts';

/** What each request carries through the app: its session, and where its page's forms may post. */
export type Env = { Variables: { session: Session; formActions: string[] } };
export type PortalContext = Context<Env>;

/** Who is asking, for the sign-in limit and the log: CloudFront's viewer address on AWS, the socket locally. */
export function clientOf(c: PortalContext): string {
  const forwarded = c.req.header('cloudfront-viewer-address') ?? c.req.header('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0]?.trim().replace(/:\d+$/, '') ?? 'unknown';
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function describeUser(user: PortalUser, client: string): Record<string, string> {
  return user.role === 'provider'
    ? { role: user.role, council: user.council, provider: user.provider, name: user.name, client }
    : { role: user.role, council: user.council, name: user.name, client };
}
