import { describe, expect, it } from 'vitest';
import { allActions, statusByPriority } from '#core/action-plan.ts';
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

  it('counts completion and RAG by priority from the recorded statuses', () => {
    const { priorities, total } = statusByPriority(sefton.actionPlan);

    // Priority 1: one complete (HMO licensing), two on track, three in progress.
    expect(priorities[0]).toMatchObject({ actions: 6, completion: { complete: 1, 'in progress': 5 }, rag: { blue: 1, green: 2, amber: 3 } });
    expect(total.actions).toBe(34);
    // HMO licensing; the complex women's pathway; the complex needs panel; three supported-housing
    // planning actions; the NIPN outreach worker; two floating-support actions.
    expect(total.completion.complete).toBe(9);
    expect(total.rag.blue + total.rag.green + total.rag.amber + total.rag.red).toBe(34);
  });
});
