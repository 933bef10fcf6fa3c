/**
 * What operations watches, defined once: the namespace the functions write to in embedded metric
 * format, each metric's name and unit, and the dimensions some carry. The handlers and adapters
 * record them through the `OperationalMetrics` port; the dashboard and the local summary read the
 * same names.
 */
export const METRICS_NAMESPACE = 'HomelessnessReporting';

/** The service every log line and metric is tagged with. */
export const SERVICE_NAME = 'homelessness-reporting';
/** The dimension Powertools gives every metric, valued SERVICE_NAME. */
export const SERVICE_DIMENSION = 'service';

export type MetricUnit = 'Count' | 'Milliseconds';

export const METRICS = {
  uploadsReceived: { name: 'UploadsReceived', unit: 'Count', about: 'uploads read by ingest' },
  uploadsAccepted: { name: 'UploadsAccepted', unit: 'Count', about: 'accepted with no warnings' },
  uploadsAcceptedWithWarnings: {
    name: 'UploadsAcceptedWithWarnings',
    unit: 'Count',
    about: 'accepted with warnings',
  },
  uploadsRejected: { name: 'UploadsRejected', unit: 'Count', about: 'rejected (also by reason)' },
  receiptLatency: { name: 'ReceiptLatency', unit: 'Milliseconds', about: 'upload stored → receipt written' },
  figuresRevised: { name: 'FiguresRevised', unit: 'Count', about: "a quarter's figures made again, changed" },
  reportsRendered: { name: 'ReportsRendered', unit: 'Count', about: 'reports stored (PDF and workbook)' },
  reportPrintTime: { name: 'ReportPrintTime', unit: 'Milliseconds', about: 'one PDF printed by Chromium' },
  reportPages: { name: 'ReportPages', unit: 'Count', about: 'pages of one printed PDF' },
  disclosureChecksPassed: {
    name: 'DisclosureChecksPassed',
    unit: 'Count',
    about: 'scrutiny reports found safe to publish',
  },
  disclosureChecksRefused: {
    name: 'DisclosureChecksRefused',
    unit: 'Count',
    about: 'scrutiny reports refused as unsafe',
  },
  remindersSent: { name: 'RemindersSent', unit: 'Count', about: 'reminders to providers with a return missing' },
} as const satisfies Record<string, { name: string; unit: MetricUnit; about: string }>;

export type MetricId = keyof typeof METRICS;

/** The dimension a rejection's reason is recorded under (the first error's code, `breakdown-does-not-add-up`). */
export const REASON_DIMENSION = 'Reason';

/**
 * Where handlers and adapters record what happened: embedded metric format on Lambda, a tally
 * printed at the end of a local run. One call is one data point.
 */
export interface OperationalMetrics {
  record(metric: MetricId, value: number, dimensions?: Readonly<Record<string, string>>): void;
}
