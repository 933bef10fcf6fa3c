/** A mistake the person at the command line can put right: printed as it is, in one line. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

const SYSTEM_ERRORS: Record<string, (path: string) => string> = {
  ENOENT: (path) => `There is no file or folder at ${path}: check the path and try again.`,
  EACCES: (path) => `${path} cannot be opened: check you have permission to read or write it.`,
  EPERM: (path) => `${path} cannot be opened: check you have permission to read or write it.`,
  EISDIR: (path) => `${path} is a folder, not a file: name the file itself.`,
  ENOTDIR: (path) => `Part of ${path} is a file, not a folder: check the path.`,
  ENOSPC: (path) => `The disk is full while writing ${path}: free some space and try again.`,
  ECONNREFUSED: () => 'A server the command needs refused the connection: check it is running and try again.',
};

/**
 * Any failure as one plain line: our own messages as they are, the file system's codes in words,
 * anything else by its first line with a pointer to HSR_DEBUG for the details.
 */
export function plainMessage(error: unknown): string {
  if (error instanceof CliError) return oneLine(error.message);
  const failure = error as { code?: unknown; path?: unknown; message?: unknown };
  const system = typeof failure.code === 'string' ? SYSTEM_ERRORS[failure.code] : undefined;
  if (system) return system(typeof failure.path === 'string' ? failure.path : 'that path');
  const message = typeof failure.message === 'string' && failure.message ? failure.message : String(error);
  const first = oneLine(message.split('\n')[0] ?? message);
  return /[.!?:]$/.test(first)
    ? `${first} Run again with HSR_DEBUG=1 for the details.`
    : `${first}. Run again with HSR_DEBUG=1 for the details.`;
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
