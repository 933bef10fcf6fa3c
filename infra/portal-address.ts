import { Stack, Validations } from 'aws-cdk-lib';
import { HttpApi, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  type Distribution,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PORTAL_PATH } from '../functions/portal/portal-path.ts';
import { securityHeaders } from './security-headers.ts';

/** The header CloudFront adds to every portal request, with a secret value: the app refuses a request without it. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

export interface PortalAddressProps {
  /** The public site's distribution: the portal is served under its `/portal/` path. */
  readonly site: Distribution;
}

/**
 * Where the portal answers: `/portal/*` on the public site's own distribution, sent uncached, with
 * the viewer's cookies and headers, to an HTTP API. The API lives here and its route, integration
 * and stage (the portal's function) in the stateless stack, which attaches them by the API's id: the
 * distribution needs only the API's address, which exists before any function does, so neither
 * stack depends on the other's code (an origin naming the function's own URL would tie this stack
 * to the stateless one, which already depends on this).
 */
export class PortalAddress extends Construct {
  /** The API the stateless stack gives its route, integration and stage. */
  readonly api: IHttpApi;
  /** The value CloudFront sends in `x-origin-verify`; the portal reads it to know CloudFront's requests. */
  readonly originVerify: ISecret;

  constructor(scope: Construct, id: string, props: PortalAddressProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.api = new HttpApi(this, 'Api', {
      description: 'The providers and officers portal, behind the public site distribution at /portal/',
      createDefaultStage: false,
    });
    this.originVerify = new Secret(this, 'OriginVerifySecret', {
      description: "The portal's origin header: proves a request came through CloudFront",
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'originVerify',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(this.originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'CloudFront sends it with every portal request: rotated by a deployment of both, not on a timer.',
    });

    // The app sets its own content security policy (its forms post to the returns bucket); CloudFront adds the rest.
    const headers = securityHeaders(this, 'Headers', {
      comment: 'Security headers for the portal (its content security policy is set by the app, page by page)',
      referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN,
    });
    const origin = new HttpOrigin(`${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: {
        [ORIGIN_VERIFY_HEADER]: this.originVerify.secretValueFromJson('originVerify').unsafeUnwrap(),
      },
    });
    const behaviour = {
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Every page is someone's own: nothing is cached, and the session cookie and form posts reach the app.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };
    // The stylesheet, script and fonts are the same for everyone: cached at the edge (the app says for how long).
    props.site.addBehavior(`${PORTAL_PATH}/assets/*`, origin, {
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
    });
    props.site.addBehavior(`${PORTAL_PATH}/*`, origin, behaviour);
    props.site.addBehavior(PORTAL_PATH, origin, behaviour);
  }
}
