import { describe, expect, it } from 'vitest';
import { allActions } from '#core/action-plan.ts';
import { actionPlanProgress } from '#core/action-plan-progress.ts';
import { parseQuarter } from '#core/quarter.ts';
import { sefton } from '../support/sefton.ts';

describe("Sefton's 2024–29 action plan as data", () => {
  it('has the three priorities, eight objectives and 34 numbered actions of the source', () => {
    const plan = sefton.actionPlan;

    expect(plan.priorities.map((p) => p.title)).toEqual([
      'Improve access to accommodation',
      'Reduction of homelessness and rough sleeping',
      'Focus on support',
    ]);
    expect(plan.priorities.flatMap((p) => p.objectives)).toHaveLength(8);
    expect(allActions(plan).map((a) => a.number)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
  });

  it('counts completion and RAG by priority from the recorded statuses, before any update', () => {
    const progress = actionPlanProgress(sefton.actionPlan, parseQuarter('2024-25-Q3'), undefined, undefined);

    expect(progress.source).toBe('baseline');
    // Priority 1: one complete (HMO licensing), two on track, three in progress.
    expect(progress.byPriority[0]).toMatchObject({
      completion: { complete: 1, 'in progress': 5 },
      rag: { blue: 1, green: 2, amber: 3 },
    });
    // HMO licensing; the complex women's pathway; the complex needs panel; three supported-housing
    // planning actions; the NIPN outreach worker; two floating-support actions.
    expect(progress.actions.filter((a) => a.completion === 'complete')).toHaveLength(9);
    expect(progress.actions.every((a) => a.direction === 'same' && !a.overdue)).toBe(true);
  });

  it('moves an action with the action lead’s update, with its direction against last quarter', () => {
    const progress = actionPlanProgress(
      sefton.actionPlan,
      parseQuarter('2025-26-Q2'),
      { 'action1.rag': 'Red', 'action1.commentary': 'Funding lost.', 'action2.targetDate': '2025-06-30' },
      undefined,
    );

    expect(progress.actions[0]).toMatchObject({
      rag: 'red',
      previousRag: 'amber',
      direction: 'down',
      redWithoutCommentary: false,
      updatedThisQuarter: true,
    });
    expect(progress.actions[1]).toMatchObject({ overdue: true });
  });
});
