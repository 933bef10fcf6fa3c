import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { PortalUser } from '#core/ports.ts';

/** What the signed session cookie carries: who is signed in (if anyone) and the token every form must return. */
export interface Session {
  readonly user?: PortalUser;
  readonly csrf: string;
  /** Milliseconds since the epoch. */
  readonly expires: number;
  /** A sign-in begun at the identity service: its state and PKCE verifier, checked when it comes back. */
  readonly signIn?: { readonly state: string; readonly verifier: string };
}

export interface SessionSettings {
  readonly secret: string;
  /** Served over https: the cookie is then Secure and takes the __Host- prefix. */
  readonly secure: boolean;
}

const LIFETIME_MS = 8 * 60 * 60 * 1000;

function cookieName(settings: SessionSettings): string {
  return settings.secure ? '__Host-hsr-session' : 'hsr-session';
}

export function newSession(now: Date, user?: PortalUser): Session {
  return { user, csrf: randomBytes(24).toString('base64url'), expires: now.getTime() + LIFETIME_MS };
}

/** The session from the signed cookie, or undefined if there is none, it was tampered with, or it has expired. */
export async function readSession(c: Context, settings: SessionSettings, now: Date): Promise<Session | undefined> {
  const value = await getSignedCookie(c, settings.secret, cookieName(settings));
  if (!value) return undefined;
  try {
    const session = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Session;
    return typeof session.csrf === 'string' && session.expires > now.getTime() ? session : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSession(c: Context, session: Session, settings: SessionSettings): Promise<void> {
  const value = Buffer.from(JSON.stringify(session)).toString('base64url');
  await setSignedCookie(c, cookieName(settings), value, settings.secret, {
    path: '/',
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'Lax',
    expires: new Date(session.expires),
  });
}

/** Whether a form's token is the session's own. */
export function csrfMatches(session: Session, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const given = Buffer.from(token);
  const expected = Buffer.from(session.csrf);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
