/**
 * The content security policy: nothing inline, nothing from elsewhere, and forms only to this site
 * and to the returns bucket's upload address (given per page).
 */
export function contentSecurityPolicy(formActions: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    `form-action 'self'${[...new Set(formActions)].map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
