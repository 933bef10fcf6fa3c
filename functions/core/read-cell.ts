import type { CellValue } from './cell-grid.ts';
import { findPersonalData, type PublishedContacts, quotableText, quoteForReceipt } from './personal-data.ts';
import type { MeasureValue } from './provider-return.ts';
import { cutText, inertText, MAX_PROVIDER_TEXT } from './provider-text.ts';
import type { Measure } from './return-definition.ts';

/**
 * A cell's value as its measure's type, maybe with something the provider should know about it,
 * or what is wrong with it. Messages complete "<name> (<cell>) …".
 */
export type CellReading =
  | { value: MeasureValue; warning?: { code: string; message: string } }
  | { problem: string; message: string };

const NUMBER_AS_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function readCell(measure: Measure, cell: CellValue | undefined, published?: PublishedContacts): CellReading {
  if (!cell || (cell.kind === 'text' && cell.value.replace(/\u00a0/g, ' ').trim() === '')) return { value: null };
  if (cell.kind === 'error') {
    return {
      problem: 'formula-error',
      message: `shows the spreadsheet error ${quoteForReceipt(String(cell.value), published)}. Fix the formula or type the value in directly.`,
    };
  }
  switch (measure.type) {
    case 'count':
      return readNumber(cell, true);
    case 'number':
      return readNumber(cell, false);
    case 'text':
      return readText(cell, published);
    case 'date':
      return readDate(cell);
    case 'category':
      return readCategory(cell, measure.options ?? [], published);
  }
}

function readNumber(cell: CellValue, whole: boolean): CellReading {
  let value: number;
  if (cell.kind === 'number') {
    value = cell.value;
  } else if (cell.kind === 'text') {
    const text = cell.value.replace(/\u00a0/g, ' ').trim();
    if (!NUMBER_AS_TEXT.test(text)) {
      return {
        problem: 'not-a-number',
        message: `contains text, not a number. Enter a ${whole ? 'whole number such as 12' : 'number such as 4.5'}, or leave it blank if you do not collect this figure.`,
      };
    }
    value = Number(text.replace(/,/g, ''));
  } else {
    return {
      problem: 'not-a-number',
      message: `holds a ${cell.kind === 'date' ? 'date' : 'true/false value'}, not a number. Enter a ${whole ? 'whole number such as 12' : 'number'}.`,
    };
  }
  if (whole && !Number.isInteger(value)) {
    return {
      problem: 'not-whole-number',
      message: `is ${value}. Counts are whole numbers: enter ${Math.floor(value)} or ${Math.ceil(value)}, not a fraction.`,
    };
  }
  if (value < 0)
    return { problem: 'negative', message: `is ${value}. It cannot be negative: enter 0 if there were none.` };
  return { value };
}

/**
 * Free text is kept as plain text, never interpreted, and made inert (no bidirectional or invisible
 * controls). It is cut to its cap before any check runs, and the cut is reported; personal data
 * rejects the cell, and so the whole return.
 */
function readText(cell: CellValue, published: PublishedContacts | undefined): CellReading {
  const raw = String(cell.value);
  const text = inertText(cutText(raw, MAX_PROVIDER_TEXT)).trim();
  const personal = findPersonalData(text, published);
  if (personal) {
    return {
      problem: 'personal-data',
      message: `seems to contain personal data (${personal}). Do not put names, dates of birth, NI numbers or contact details in a return: remove them and upload again. Because of this the return was rejected, so nothing in it was added to the figures or any report; the file you uploaded is kept as it arrived, as every upload is.`,
    };
  }
  if (raw.length > MAX_PROVIDER_TEXT && raw.trim().length > MAX_PROVIDER_TEXT) {
    return {
      value: text,
      warning: {
        code: 'text-cut',
        message: `is ${raw.trim().length.toLocaleString('en-GB')} characters long; only the first ${MAX_PROVIDER_TEXT.toLocaleString('en-GB')} were kept. Shorten it if the rest matters.`,
      },
    };
  }
  return { value: text };
}

function readDate(cell: CellValue): CellReading {
  if (cell.kind === 'date') return { value: cell.value };
  if (cell.kind === 'text') {
    const text = cell.value.trim();
    const iso = ISO_DATE.exec(text);
    const uk = UK_DATE.exec(text);
    const parts = iso
      ? [iso[1], iso[2], iso[3]]
      : uk
        ? [uk[3]?.length === 2 ? `20${uk[3]}` : uk[3], uk[2], uk[1]]
        : undefined;
    if (parts) {
      const [year, month, day] = parts.map(Number) as [number, number, number];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
        return { value: date.toISOString().slice(0, 10) };
      }
    }
  }
  return { problem: 'not-a-date', message: 'is not a date. Enter a date like 14/11/2025 (day, month, year).' };
}

function readCategory(cell: CellValue, options: readonly string[], published?: PublishedContacts): CellReading {
  const text = String(cell.value).trim();
  const option = options.find((o) => o.toLowerCase() === text.toLowerCase());
  if (option) return { value: option };
  // The cell's text is repeated only when it is short and holds no personal data.
  const quoted = quotableText(text, published);
  return {
    problem: 'not-an-option',
    message: `${quoted === undefined ? 'is not one of the options' : `says "${quoted}"`}. Choose one of ${options.join(', ')} from the cell's list.`,
  };
}
