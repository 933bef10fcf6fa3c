import type { Provider } from './provider-register.ts';
import type { CurrentSubmission, SubmissionCompliance } from './quarter-figures.ts';
import { ukDay } from './uk-time.ts';

/** A return is on time if it arrives by the end of the due date, as the clock reads in the UK. */
export function receivedOnTime(receivedAt: string, dueDate: string): boolean {
  return ukDay(receivedAt) <= dueDate;
}

/**
 * Who owes a return for the quarter and where each stands: on time (received by the due date),
 * late, or missing, with the warnings its accepted return still carries. The pack's compliance
 * table and `hsr status` both read it.
 */
export function submissionCompliance(
  owing: readonly Provider[],
  submissions: readonly CurrentSubmission[],
  dueDate: string,
): SubmissionCompliance[] {
  const submissionOf = new Map(submissions.map((submission) => [submission.provider, submission]));
  return owing.map((provider): SubmissionCompliance => {
    const submission = submissionOf.get(provider.id);
    if (!submission) return { provider: provider.id, providerName: provider.name, state: 'missing', warnings: 0 };
    return {
      provider: provider.id,
      providerName: provider.name,
      state: receivedOnTime(submission.receivedAt, dueDate) ? 'on time' : 'late',
      receivedAt: submission.receivedAt,
      uploadId: submission.uploadId,
      warnings: submission.warnings,
    };
  });
}
