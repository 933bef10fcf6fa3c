import type { ActionPlan } from './action-plan.ts';
import type { Council } from './council.ts';
import type { PrintedQuarter } from './disclosure/earlier-publications.ts';
import type { StoredFigures } from './forum-pack/forum-pack.ts';
import type { Headlines } from './headlines.ts';
import type { PipelineEvent } from './pipeline-events.ts';
import type { ProviderRegister } from './provider-register.ts';
import type { Provenance, ReturnRow } from './provider-return.ts';
import type { CurrentSubmission } from './quarter-figures.ts';
import type { Receipt, ReceiptStatus } from './receipt.ts';
import type { ReportApproval } from './report-approval.ts';
import type { RequestLog } from './request-log.ts';
import type { ReturnDefinition } from './return-definition.ts';
import type { UploadRef } from './upload-key.ts';

/**
 * The ports the use cases need. Adapters implement them against S3, DynamoDB, Chromium, the file
 * system and the clock; the core never imports any of those.
 */

export interface CouncilData {
  readonly council: Council;
  readonly register: ProviderRegister;
  readonly definition: ReturnDefinition;
  readonly actionPlan: ActionPlan;
  /** What the forum and scrutiny asked for; undefined where the council's data names no log. */
  readonly requestLog?: RequestLog;
}

export interface CouncilDataSource {
  load(councilId: string): Promise<CouncilData>;
}

/** Report and receipt templates (handlebars, CSS), by path under `templates/`. */
export interface TemplateFiles {
  read(path: string): Promise<string>;
  /** `@font-face` rules that inline the print fonts: all of them, or the running header's one. */
  fontCss(set?: 'page' | 'running'): Promise<string>;
}

/** An upload as it arrived, with what the store knows about it. */
export interface StoredUpload {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly versionId?: string;
  /** The object's entity tag, without quotes. */
  readonly eTag: string;
  readonly receivedAt: string;
  /** The name the provider's file had, if the uploader recorded it beside the object. */
  readonly fileName?: string;
}

export interface UploadStore {
  /**
   * Reads an upload as it arrived. One known (from the event) to be over `maxBytes` is not
   * downloaded: it comes back with `bytes` empty and `size` set.
   */
  getUpload(
    key: string,
    versionId: string | undefined,
    knownSize: number | undefined,
    maxBytes: number,
  ): Promise<StoredUpload>;
  putReceipt(receipt: Receipt, html: string): Promise<void>;
  /** Whether an object is in the returns bucket under this key. */
  uploadExists(key: string): Promise<boolean>;
  /** The receipt written for an upload, or undefined while it is still being checked. */
  getReceipt(ref: Omit<UploadRef, 'extension'>): Promise<Receipt | undefined>;
  /** Every object under `returns/<council>/`, as the bucket lists it. */
  listUploads(council: string): Promise<ListedUpload[]>;
}

/** An object in the returns bucket, as a listing shows it. */
export interface ListedUpload {
  readonly key: string;
  readonly size: number;
  readonly lastModified: string;
  /** The object's entity tag, without quotes: which object is at the key. */
  readonly eTag: string;
}

/**
 * An upload is `pending` from its first write until its receipt (and, for an accepted one, its
 * event) is out; only then `finished`. Anything not finished is done again by the sweep.
 */
export type UploadState = 'pending' | 'finished';

export interface UploadRecord {
  readonly council: string;
  readonly provider: string;
  readonly quarter: string;
  readonly uploadId: string;
  readonly status: ReceiptStatus;
  readonly provenance: Provenance;
  /** The entity tag of the object this upload is: a second object at the same key is another upload. */
  readonly objectETag: string;
  readonly errors: number;
  readonly warnings: number;
}

/** An upload as the table records it: what a provider's list of past uploads shows, and what the sweep and a repeated delivery read. */
export interface RecordedUpload extends Provenance {
  readonly provider: string;
  readonly status: ReceiptStatus;
  readonly errors: number;
  readonly warnings: number;
  /** Missing on records made before entity tags were kept. */
  readonly objectETag?: string;
  readonly state: UploadState;
}

/** What claiming an upload id found: this object may write it, is already finished, or another object holds it. */
export type UploadClaim = 'claimed' | 'finished' | 'held-by-another-object';

export interface ReturnStore {
  /** The record of one upload id, if any. */
  uploadRecord(
    council: string,
    quarter: string,
    provider: string,
    uploadId: string,
  ): Promise<RecordedUpload | undefined>;
  /**
   * Writes the upload's record as `pending`, unless the id is held by another object or this
   * object's upload is finished: the one conditional write that keeps one object from writing over another's upload.
   */
  claimUpload(record: UploadRecord): Promise<UploadClaim>;
  /** Stores an accepted upload's rows (repeatable: the same items each time). */
  saveRows(record: UploadRecord, rows: readonly ReturnRow[]): Promise<void>;
  /**
   * Makes an accepted upload the provider's current return for the quarter, unless a later upload
   * already is: a conditional write decides, not arrival order. Returns whether this upload is now current.
   */
  makeCurrent(record: UploadRecord): Promise<boolean>;
  /** Marks the upload finished: written only once its receipt is. */
  finishUpload(record: UploadRecord): Promise<void>;
  currentSubmissions(council: string, quarter: string): Promise<CurrentSubmission[]>;
  /** Every upload recorded for a quarter, accepted or not, finished or not. */
  recordedUploads(council: string, quarter: string): Promise<RecordedUpload[]>;
  /** Every upload one provider has made for a quarter, with its outcome, oldest first. */
  uploadsOf(council: string, quarter: string, provider: string): Promise<RecordedUpload[]>;
  /** One provider's current accepted return for a quarter, if there is one. */
  currentSubmission(council: string, quarter: string, provider: string): Promise<CurrentSubmission | undefined>;
  rowsOf(council: string, quarter: string, submission: CurrentSubmission): Promise<ReturnRow[]>;
  getFigures(council: string, quarter: string): Promise<StoredFigures | undefined>;
  /** Stores a quarter's figures and, beside them, its headlines for later quarters' trends. */
  putFigures(stored: StoredFigures): Promise<void>;
  /** Records a report as published on the public site. */
  recordPublished(report: PublishedReport): Promise<void>;
  /** Every report published for a council, oldest quarter first. */
  publishedReports(council: string): Promise<PublishedReport[]>;
  /**
   * Keeps what a report about to be published prints of each quarter, before it is on the public site: a record of a
   * publication that then failed only makes later ones more careful, a publication without its record could not be.
   */
  recordPrintedQuarters(council: string, printed: readonly PrintedQuarter[], publishedAt: string): Promise<void>;
  /** What the council's published reports have printed of a quarter, oldest first: none if it never was. */
  printedQuartersOf(council: string, quarter: string): Promise<PrintedQuarter[]>;
  /** Keeps an officer's approval of a quarter's scrutiny report (and, once done, that it was published). */
  recordApproval(approval: ReportApproval): Promise<void>;
  /**
   * Claims the scheduled reminder of one provider for one quarter and reason: true the first time,
   * false ever after, so a retried schedule sends no reminder twice.
   */
  claimReminder(council: string, quarter: string, provider: string, reason: string, at: string): Promise<boolean>;
  /** The latest approval of a quarter's scrutiny report, if any. */
  approvalOf(council: string, quarter: string): Promise<ReportApproval | undefined>;
  /** The stored headlines of the quarters from `first` to `last`, inclusive, in one read. */
  headlinesBetween(council: string, first: string, last: string): Promise<Map<string, Headlines>>;
}

/** A report on the public site. */
export interface PublishedReport {
  readonly council: string;
  readonly councilName: string;
  readonly quarter: string;
  readonly title: string;
  /** Keys on the public site, relative to its root. */
  readonly pdfKey: string;
  readonly xlsxKey: string;
  readonly publishedAt: string;
  readonly pdfBytes: number;
  /** The officer who approved it, and when. */
  readonly approvedBy: string;
  readonly approvedAt: string;
}

export interface ReportFile {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType: string;
  /** Kept beside the file (ASCII only): which figures it was made from. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ReportStore {
  putReports(files: readonly ReportFile[]): Promise<void>;
  /** A stored report, or undefined if there is none under that key. */
  getReport(key: string): Promise<ReportFile | undefined>;
}

export interface PdfRequest {
  readonly html: string;
  /** Printed in the running header of every page. */
  readonly headerText: string;
  /** `@font-face` rules for the running header and footer, which Chromium prints apart from the page. */
  readonly fontCss: string;
  /** For a report with a contents list, which numbers the page each of its sections starts on. */
  readonly contents?: {
    /** The bookmark (heading) titles the contents list gives a page for. */
    readonly titles: readonly string[];
    /** The HTML to print with those pages in its contents (`html` is the same with none). */
    readonly withPages: (pages: ReadonlyMap<string, number>) => Promise<string>;
  };
}

export interface PdfPrinter {
  print(request: PdfRequest): Promise<Uint8Array>;
}

/** An email to officers, with the reports attached. */
export interface OfficerEmail {
  /** What it is for: the reports to officers (the default), or a reminder to a provider. */
  readonly purpose?: 'reports' | 'reminder';
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly {
    readonly filename: string;
    readonly content: Uint8Array;
    readonly contentType: string;
  }[];
}

/** Sends officer emails: Amazon SES on AWS, an outbox folder of .eml files locally. */
export interface Mailer {
  send(email: OfficerEmail): Promise<void>;
}

/** The bus the stages tell each other on (EventBridge). */
export interface PipelineEvents {
  publish(event: PipelineEvent<unknown>): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** Who is signed in to the portal: a provider's user, tied to its council and provider, or a council's officer. */
export type PortalUser =
  | { readonly role: 'provider'; readonly council: string; readonly provider: string; readonly name: string }
  | { readonly role: 'officer'; readonly council: string; readonly name: string };

/** How sign-in begins: our own form asking for a code, or the identity service's page. */
export type SignInStart = { readonly kind: 'form' } | { readonly kind: 'redirect'; readonly url: string };

/**
 * Proves who a person is. Locally, a one-time code that `hsr serve` prints; on AWS, Cognito's
 * sign-in page by the authorization code flow with PKCE.
 */
export interface IdentityProvider {
  start(request: { readonly state: string; readonly codeChallenge: string; readonly redirectUri: string }): SignInStart;
  /** The person a code proves, or undefined if it proves no one. */
  complete(request: {
    readonly code: string;
    readonly codeVerifier?: string;
    readonly redirectUri?: string;
  }): Promise<PortalUser | undefined>;
}

/** A browser form that puts one file straight into the returns bucket: at one key, within a size range. */
export interface UploadLink {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface UploadLinks {
  create(request: {
    readonly key: string;
    readonly maxBytes: number;
    /** Where the browser is sent once the file is stored. */
    readonly redirectTo: string;
    readonly expiresInSeconds: number;
    /** The file's name on the provider's computer: the form then carries it, pinned, as the object's metadata. */
    readonly fileName?: string;
  }): Promise<UploadLink>;
}

/** What the portal records: every sign-in, upload and approval. */
export interface AuditLog {
  record(event: string, detail: Readonly<Record<string, string | number | boolean | undefined>>): void;
}

/** An officer's re-run of a quarter: its figures made again from the returns accepted so far, then its packs. */
export interface QuarterRuns {
  rerun(council: string, quarter: string): Promise<void>;
}

/** What came of an officer's approval: the report published, or refused with what to do, in the officer's words. */
export type PublicationOutcome = { readonly published: PublishedReport } | { readonly refused: string };

/** Publishes a quarter's scrutiny report an officer approved: the publish function on AWS, its handler locally. */
export interface Publications {
  publish(
    council: string,
    quarter: string,
    approval: { readonly approvedBy: string; readonly confirmMissingReturns: boolean },
  ): Promise<PublicationOutcome>;
}

/** An officer's reminder to one provider, now: the reminders function on AWS, the outbox locally. */
export interface ProviderReminders {
  remind(council: string, quarter: string, provider: string): Promise<void>;
}

/** A provider's pre-filled return workbook for a quarter: the template function on AWS, made in-process locally. */
export interface ReturnWorkbooks {
  workbook(council: string, provider: string, quarter: string): Promise<Uint8Array>;
}
