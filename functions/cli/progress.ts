/** Step-by-step progress on stderr, so stdout stays clean for --json. */
export class Progress {
  constructor(
    private readonly enabled = true,
    private readonly writeText: (text: string) => void = (text) => process.stderr.write(text),
  ) {}

  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.write(`› ${label}…`);
    try {
      const result = await work();
      this.write(` done (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
      return result;
    } catch (error) {
      this.write(' failed\n');
      throw error;
    }
  }

  line(text = ''): void {
    this.write(`${text}\n`);
  }

  private write(text: string): void {
    if (this.enabled) this.writeText(text);
  }
}
