import type {
  AuditLog,
  Clock,
  CouncilDataSource,
  IdentityProvider,
  ProviderReminders,
  Publications,
  QuarterRuns,
  ReportStore,
  ReturnStore,
  ReturnWorkbooks,
  TemplateFiles,
  UploadLinks,
  UploadStore,
} from '#core/ports.ts';

/** A static file the portal serves: its stylesheet, script and fonts. */
export interface PortalAssets {
  get(name: string): Promise<{ readonly body: Uint8Array | string; readonly contentType: string } | undefined>;
}

/** What the portal is wired to: the pipeline's own stores, plus identity and upload links. */
export interface PortalDependencies {
  /** The council this portal serves: its users are tied to it. */
  readonly council: string;
  readonly councils: CouncilDataSource;
  readonly returns: ReturnStore;
  readonly uploads: UploadStore;
  readonly uploadLinks: UploadLinks;
  /** The private reports bucket: the packs officers download. */
  readonly reports: ReportStore;
  /** An officer's reminder to a provider, sent by the same mailer as the packs. */
  readonly reminders: ProviderReminders;
  /** Providers' pre-filled return workbooks. */
  readonly workbooks: ReturnWorkbooks;
  readonly runs: QuarterRuns;
  /** Publishes a scrutiny report an officer approved. */
  readonly publications: Publications;
  readonly identity: IdentityProvider;
  readonly templates: TemplateFiles;
  readonly assets: PortalAssets;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Signs the session cookie. */
  readonly sessionSecret: string;
  /**
   * On AWS, the value CloudFront sends in `x-origin-verify`: a request without it came round
   * CloudFront (straight to the function URL) and is refused. Locally undefined.
   */
  readonly originVerify?: string;
  /** Served over https: cookies are Secure. */
  readonly secure: boolean;
  /** The portal's own origin as browsers reach it (S3 sends the browser back here after an upload). */
  readonly origin: string;
  /** How long a page waits for a receipt to be written before showing "still checking". @default 3000 */
  readonly receiptWaitMs?: number;
}
