import { createHash, createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentity, portalUserFromClaims } from '#adapters/cognito-identity.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { createPortalApp } from '../../functions/portal/app.ts';
import type { PortalDependencies } from '../../functions/portal/portal-dependencies.ts';

// A user pool of our own making: its signing key, and a token endpoint that holds the PKCE flow to its rules.
const POOL = 'eu-west-2_TestPool1';
const CLIENT = 'portal-client-id';
const ISSUER = `https://cognito-idp.eu-west-2.amazonaws.com/${POOL}`;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWK = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

function idToken(claims: Record<string, unknown>, key = privateKey): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${encode({
    iss: ISSUER,
    aud: CLIENT,
    token_use: 'id',
    iat: now,
    exp: now + 900,
    ...claims,
  })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

/** Codes the pool has issued: the challenge each was issued under, and whose token it gives. */
const issued = new Map<string, { challenge: string; redirectUri: string; token: string }>();
let server: Server;
let domain: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const grant = issued.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const ok =
        request.url === '/oauth2/token' &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('client_id') === CLIENT &&
        grant &&
        grant.redirectUri === form.get('redirect_uri') &&
        createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
      if (grant) issued.delete(form.get('code') ?? '');
      response.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(ok ? { id_token: grant.token, token_type: 'Bearer' } : { error: 'invalid_grant' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The session cookie as a browser keeps it: the last one set wins. */
function sessionCookie(response: Response): string {
  return (response.headers.getSetCookie().at(-1) as string).split(';')[0] as string;
}

function identity(): CognitoIdentity {
  const cognito = new CognitoIdentity({ userPoolId: POOL, clientId: CLIENT, domain });
  cognito.jwtVerifier.cacheJwks({ keys: [JWK as never] });
  return cognito;
}

describe('who a Cognito ID token says someone is', () => {
  it('is an officer of the council, or a provider tied to its council and provider id, or no one', () => {
    const council = { 'custom:council': 'sefton', name: 'Pat Officer' };
    expect(portalUserFromClaims({ ...council, 'cognito:groups': ['officers'] })).toEqual({
      role: 'officer',
      council: 'sefton',
      name: 'Pat Officer',
    });
    expect(
      portalUserFromClaims({ ...council, 'cognito:groups': ['providers'], 'custom:provider': 'athena-house' }),
    ).toEqual({ role: 'provider', council: 'sefton', provider: 'athena-house', name: 'Pat Officer' });
    // A provider user with no provider id, a user in no group, or one with no council: no one.
    expect(portalUserFromClaims({ ...council, 'cognito:groups': ['providers'] })).toBeUndefined();
    expect(portalUserFromClaims({ ...council })).toBeUndefined();
    expect(portalUserFromClaims({ name: 'x', 'cognito:groups': ['officers'] })).toBeUndefined();
  });
});

describe('sign-in through Cognito, by the authorization code flow with PKCE', () => {
  const officerToken = () =>
    idToken({ 'cognito:groups': ['officers'], 'custom:council': 'sefton', name: 'Homelessness Commissioner' });

  function portal(audit: string[]) {
    const templates = new FileTemplates();
    const unused = {} as never;
    const deps: PortalDependencies = {
      council: 'sefton',
      councils: templates,
      templates,
      returns: unused,
      uploads: unused,
      uploadLinks: unused,
      reports: unused,
      reminders: unused,
      workbooks: unused,
      runs: unused,
      publications: unused,
      identity: identity(),
      assets: unused,
      clock: { now: () => new Date() },
      audit: { record: (event) => audit.push(event) },
      sessionSecret: 'a-test-session-secret-of-enough-length-0123456789',
      originVerify: 'through-cloudfront-0123456789-0123456789',
      secure: true,
      origin: 'https://returns.example.gov.uk',
    };
    return createPortalApp(deps);
  }
  const viaCloudFront = { 'x-origin-verify': 'through-cloudfront-0123456789-0123456789' };

  it('sends the browser to Cognito with a PKCE challenge, and signs in the person the verified token names', async () => {
    // Arrange
    const audit: string[] = [];
    const app = portal(audit);

    // Act: the sign-in page redirects to the pool's own page
    const start = await app.request('/portal/sign-in', { headers: viaCloudFront });
    const authorize = new URL(start.headers.get('location') as string);
    const cookie = sessionCookie(start);

    // Assert: the code flow, S256, back to the portal's callback, with a state to check
    expect(start.status).toBe(302);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${domain}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: 'https://returns.example.gov.uk/portal/sign-in/callback',
      code_challenge_method: 'S256',
    });
    expect(cookie).toMatch(/^__Host-hsr-session=/);

    // Act: the person signs in at Cognito, which sends them back with a code
    issued.set('code-1', {
      challenge: authorize.searchParams.get('code_challenge') as string,
      redirectUri: authorize.searchParams.get('redirect_uri') as string,
      token: officerToken(),
    });
    const back = await app.request(
      `/portal/sign-in/callback?code=code-1&state=${authorize.searchParams.get('state')}`,
      {
        headers: { ...viaCloudFront, cookie },
      },
    );

    // Assert: signed in as the token's officer, and logged
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/portal/');
    expect(audit).toContain('sign-in');
    const signedIn = sessionCookie(back);
    const home = await app.request('/portal/', { headers: { ...viaCloudFront, cookie: signedIn } });
    expect(home.headers.get('location')).toBe('/portal/officer');
  });

  it('refuses a callback whose state is not the one it sent, a code issued under another PKCE challenge, and a token not signed by the pool', async () => {
    // Arrange
    const audit: string[] = [];
    const app = portal(audit);
    const begin = async () => {
      const start = await app.request('/portal/sign-in', { headers: viaCloudFront });
      const authorize = new URL(start.headers.get('location') as string);
      return {
        cookie: sessionCookie(start),
        state: authorize.searchParams.get('state') as string,
        challenge: authorize.searchParams.get('code_challenge') as string,
      };
    };
    const redirectUri = 'https://returns.example.gov.uk/portal/sign-in/callback';

    // Act / Assert: another state
    const first = await begin();
    issued.set('code-2', { challenge: first.challenge, redirectUri, token: officerToken() });
    const forged = await app.request('/portal/sign-in/callback?code=code-2&state=not-the-one', {
      headers: { ...viaCloudFront, cookie: first.cookie },
    });
    expect(forged.status).toBe(400);

    // Act / Assert: a code issued under another challenge (stolen from someone else's sign-in)
    const second = await begin();
    issued.set('code-3', { challenge: first.challenge, redirectUri, token: officerToken() });
    const stolen = await app.request(`/portal/sign-in/callback?code=code-3&state=${second.state}`, {
      headers: { ...viaCloudFront, cookie: second.cookie },
    });
    expect(stolen.status).toBe(400);

    // Act / Assert: a token signed with some other key
    const third = await begin();
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    issued.set('code-4', {
      challenge: third.challenge,
      redirectUri,
      token: idToken({ 'cognito:groups': ['officers'], 'custom:council': 'sefton', name: 'Mallory' }, otherKey),
    });
    const unsigned = await app.request(`/portal/sign-in/callback?code=code-4&state=${third.state}`, {
      headers: { ...viaCloudFront, cookie: third.cookie },
    });
    expect(unsigned.status).toBe(400);
    expect(audit.filter((event) => event === 'sign-in failed')).toHaveLength(3);
    expect(audit).not.toContain('sign-in');
  });

  it('answers nothing to a request that did not come through CloudFront, and nothing outside /portal/', async () => {
    const app = portal([]);
    expect((await app.request('/portal/sign-in')).status).toBe(403);
    const outside = await app.request('/sign-in', { headers: viaCloudFront });
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe('Not found');
  });
});
