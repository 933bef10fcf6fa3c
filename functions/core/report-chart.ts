/**
 * A chart as the report model describes it: what it shows, in words and in numbers. The render
 * stage draws it as SVG; its numbers are always also in a table beside it.
 */
export interface ReportChart {
  readonly id: string;
  readonly title: string;
  /** The text alternative: what a reader who cannot see the chart needs to know from it. */
  readonly description: string;
  readonly kind: 'line' | 'bar';
  readonly xTitle: string;
  readonly yTitle: string;
  /**
   * One point per category and series; null values are left out of the drawing. A bar with no value
   * but a `label` is drawn as a gap with its label (a hidden count as [c]).
   */
  readonly points: readonly {
    readonly category: string;
    readonly series: string;
    readonly value: number | null;
    readonly label?: string;
  }[];
}
