import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { IdentityProvider, PortalUser, SignInStart } from '#core/ports.ts';

/** The Cognito groups the portal knows: a user in neither is no one to it. */
export const PORTAL_GROUPS = { providers: 'providers', officers: 'officers' } as const;
/** Custom attributes tying a user to its council and (for providers) its provider id; set by an administrator only. */
export const PORTAL_ATTRIBUTES = { council: 'council', provider: 'provider' } as const;

export interface CognitoSettings {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The user pool's sign-in domain, e.g. `https://sefton-returns.auth.eu-west-2.amazoncognito.com`. */
  readonly domain: string;
}

/** The claims of a verified ID token the portal reads. */
export interface PortalClaims {
  readonly 'cognito:groups'?: readonly string[];
  readonly name?: string;
  readonly email?: string;
  readonly [claim: `custom:${string}`]: unknown;
}

/**
 * Who a verified ID token says the person is: an officer of a council, or a provider's user tied
 * to its council and provider id by attributes only an administrator sets; anyone else is no one.
 */
export function portalUserFromClaims(claims: PortalClaims): PortalUser | undefined {
  const groups = claims['cognito:groups'] ?? [];
  const council = claims[`custom:${PORTAL_ATTRIBUTES.council}`];
  const provider = claims[`custom:${PORTAL_ATTRIBUTES.provider}`];
  const name = claims.name ?? claims.email;
  if (typeof council !== 'string' || !council || !name) return undefined;
  if (groups.includes(PORTAL_GROUPS.officers)) return { role: 'officer', council, name };
  if (groups.includes(PORTAL_GROUPS.providers) && typeof provider === 'string' && provider)
    return { role: 'provider', council, provider, name };
  return undefined;
}

/**
 * Sign-in on AWS: Cognito's own sign-in page by the authorization code flow with PKCE; the code is
 * exchanged at the token endpoint with its verifier, and the ID token checked with aws-jwt-verify
 * (signature against the pool's keys, issuer, audience, expiry, token use) before it is believed.
 */
export class CognitoIdentity implements IdentityProvider {
  private readonly verifier;

  constructor(
    private readonly settings: CognitoSettings,
    private readonly post: typeof fetch = fetch,
  ) {
    this.verifier = CognitoJwtVerifier.create({
      userPoolId: settings.userPoolId,
      clientId: settings.clientId,
      tokenUse: 'id',
    });
  }

  /** The verifier, to hand it the pool's keys ahead of time (a test, or a warm start). */
  get jwtVerifier() {
    return this.verifier;
  }

  start(request: {
    readonly state: string;
    readonly codeChallenge: string;
    readonly redirectUri: string;
  }): SignInStart {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: request.redirectUri,
      scope: 'openid email profile',
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
    return { kind: 'redirect', url: `${this.settings.domain}/oauth2/authorize?${query}` };
  }

  async complete(request: {
    readonly code: string;
    readonly codeVerifier?: string;
    readonly redirectUri?: string;
  }): Promise<PortalUser | undefined> {
    if (!request.codeVerifier || !request.redirectUri) return undefined;
    const response = await this.post(`${this.settings.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: this.settings.clientId,
        code: request.code,
        redirect_uri: request.redirectUri,
        code_verifier: request.codeVerifier,
      }),
    });
    if (!response.ok) return undefined;
    const tokens = (await response.json()) as { id_token?: unknown };
    if (typeof tokens.id_token !== 'string') return undefined;
    try {
      return portalUserFromClaims((await this.verifier.verify(tokens.id_token)) as PortalClaims);
    } catch {
      return undefined;
    }
  }
}
