import { actionPlanSection } from '../forum-pack/action-plan-section.ts';
import type { PackInput } from '../forum-pack/pack-types.ts';
import { SCRUTINY_ACTION_TABLES } from './scrutiny-report.ts';

/** A piece of text a provider typed that the published scrutiny report prints. */
export interface CarriedText {
  /** Where the report prints it. */
  readonly where: string;
  /** The action it is about: its reference and title. */
  readonly ref: string;
  readonly about: string;
  readonly text: string;
}

/**
 * Every piece of provider text the scrutiny report will carry, for the officer to read before
 * approving it: the action leads' commentary in the action-plan tables the report prints.
 * Counts and labels are ours; only commentary is typed by a provider.
 */
export function providerTextCarried(input: PackInput): CarriedText[] {
  const section = actionPlanSection(input);
  const byRef = new Map(input.stored.figures.actionPlan.actions.map((action) => [action.ref, action]));
  const carried: CarriedText[] = [];
  for (const id of SCRUTINY_ACTION_TABLES) {
    const table = section.tables.find((t) => t.id === id);
    if (!table) throw new Error(`The action plan section has no table ${id}`);
    for (const row of table.rows) {
      const action = byRef.get(String(row[0]));
      if (action?.commentary) {
        carried.push({
          where: `Appendix E, ${table.title}`,
          ref: action.ref,
          about: action.title,
          text: action.commentary,
        });
      }
    }
  }
  return carried;
}
