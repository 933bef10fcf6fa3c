/**
 * Limits failed sign-ins per client: after `limit` failures within `windowMs`, further attempts are
 * refused until the window has passed. Kept in memory: per process locally, per warm function on
 * AWS, where Cognito limits its own sign-in attempts as well.
 */
export class SignInAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Whether this client may try again now. */
  allowed(client: string, now: Date): boolean {
    return this.recent(client, now).length < this.limit;
  }

  failed(client: string, now: Date): void {
    this.failures.set(client, [...this.recent(client, now), now.getTime()]);
  }

  succeeded(client: string): void {
    this.failures.delete(client);
  }

  private recent(client: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    return (this.failures.get(client) ?? []).filter((time) => time > since);
  }
}
