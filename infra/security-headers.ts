import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, type HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * The security headers CloudFront adds to everything it serves (the public site's reports, the portal's pages): HTTPS
 * only for two years, no sniffing, never framed; the referrer and content security policy are each site's own.
 */
export function securityHeaders(
  scope: Construct,
  id: string,
  {
    comment,
    referrerPolicy,
    contentSecurityPolicy,
  }: {
    comment: string;
    referrerPolicy: HeadersReferrerPolicy;
    /** Left out where the app sets its own, page by page. */
    contentSecurityPolicy?: string;
  },
): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment,
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365 * 2), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy, override: true },
      ...(contentSecurityPolicy ? { contentSecurityPolicy: { contentSecurityPolicy, override: true } } : {}),
    },
  });
}
