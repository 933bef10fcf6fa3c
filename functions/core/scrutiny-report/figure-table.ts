import { CONFIDENTIAL, WITHHELD } from '../disclosure/disclosure-problem.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';

/**
 * A table of a published report before disclosure control: each count of people names the figure it prints, so the
 * same figure is hidden wherever it appears, and each share names the figures it divides.
 */
export type FigureCell =
  /** A count of people or households, printed as its value or [c]. */
  | { readonly figure: string }
  /** A share of a whole, hidden unless every figure it divides is printed. */
  | { readonly share: { readonly part: readonly string[]; readonly whole: readonly string[] } }
  /** Text, an exact count (actions, returns, bed spaces) or null (not collected). */
  | ReportCell;

export interface FigureTable extends Omit<ReportTable, 'rows'> {
  readonly rows: readonly (readonly FigureCell[])[];
}

/** What the publication decided for each figure. */
export interface FigureValues {
  value(key: string): number | null;
  isHidden(key: string): boolean;
  isWithheld(key: string): boolean;
}

export function isFigure(cell: FigureCell): cell is { readonly figure: string } {
  return typeof cell === 'object' && cell !== null && 'figure' in cell;
}

export function isShare(
  cell: FigureCell,
): cell is { readonly share: { readonly part: readonly string[]; readonly whole: readonly string[] } } {
  return typeof cell === 'object' && cell !== null && 'share' in cell;
}

/** Every figure a table prints, shares' terms included. */
export function figuresIn(table: FigureTable): string[] {
  return table.rows.flatMap((row) =>
    row.flatMap((cell) =>
      isFigure(cell) ? [cell.figure] : isShare(cell) ? [...cell.share.part, ...cell.share.whole] : [],
    ),
  );
}

/** The table as it is printed: hidden figures as [c], shares of them hidden with them. */
export function resolveTable(table: FigureTable, figures: FigureValues): ReportTable {
  const resolve = (cell: FigureCell): ReportCell => {
    if (isFigure(cell)) return printedFigure(cell.figure, figures);
    if (!isShare(cell)) return cell;
    const terms = [...cell.share.part, ...cell.share.whole];
    if (terms.some((key) => figures.isWithheld(key))) return WITHHELD;
    if (terms.some((key) => figures.isHidden(key))) return CONFIDENTIAL;
    const sum = (keys: readonly string[]) => {
      const values = keys.map((key) => figures.value(key));
      return values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a + b, 0);
    };
    const part = sum(cell.share.part);
    const whole = sum(cell.share.whole);
    return part === null || !whole ? null : part / whole;
  };
  return { ...table, rows: table.rows.map((row) => row.map(resolve)) };
}

/** One figure as printed: its value, [c] when hidden, [x] when withheld. */
export function printedFigure(key: string, figures: FigureValues): ReportCell {
  if (figures.isWithheld(key)) return WITHHELD;
  return figures.isHidden(key) ? CONFIDENTIAL : figures.value(key);
}
