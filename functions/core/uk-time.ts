/**
 * Times as people in England read them: the clock on the wall (GMT or BST), not UTC. Each
 * formatter is made once, on first use: the first with a time zone loads ICU's zone data (tens of
 * milliseconds), which a process that formats no date never needs.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function ukFormat(name: 'date-time' | 'day'): Intl.DateTimeFormat {
  let format = formats.get(name);
  if (!format) {
    format = new Intl.DateTimeFormat(
      'en-GB',
      name === 'day'
        ? { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' }
        : {
            timeZone: 'Europe/London',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          },
    );
    formats.set(name, format);
  }
  return format;
}

/** `2025-10-17T10:00:00.000Z` → `17 October 2025 at 11:00` (BST). */
export function ukDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    ukFormat('date-time')
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** The calendar day in the UK of an instant: what "received by the due date" is measured in. */
export function ukDay(iso: string): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    ukFormat('day')
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}
