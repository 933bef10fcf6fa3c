/**
 * The cover sheet of every return workbook: who it is from, for which quarter, from which
 * template version. The validator checks it against where the file was uploaded.
 */
export const COVER_SHEET = 'Cover';

export const COVER_CELLS = {
  providerName: 'B3',
  providerId: 'B4',
  quarterId: 'B5',
  period: 'B6',
  dueDate: 'B7',
  templateVersion: 'B8',
} as const;

export const COVER_LABELS: Record<keyof typeof COVER_CELLS, string> = {
  providerName: 'Provider',
  providerId: 'Provider ID',
  quarterId: 'Quarter',
  period: 'Period',
  dueDate: 'Return due by',
  templateVersion: 'Template version',
};
