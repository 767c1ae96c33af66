import { type Locale, message } from '../../../platform/messages.ts';
import type { Plan } from './plan.ts';

export type ImportError = { sheet?: string; row: number; message: string };
export type ImportSummary = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
};

/** The dry-run / commit summary; `sheet` only for workbooks (a CSV is one sheet). */
export function summarise(plan: Plan, locale: Locale, withSheet: boolean): ImportSummary {
  const count = (op: string) => plan.planned.filter((p) => p.op === op).length;
  const clean = plan.issues.length === 0;
  return {
    rows: plan.rows,
    created: clean ? count('create') : 0,
    updated: clean ? count('update') : 0,
    unchanged: clean ? count('unchanged') : 0,
    errors: plan.issues.map((i) => ({
      ...(withSheet ? { sheet: i.sheet } : {}),
      row: i.row,
      message: message(i.code, locale, i.params),
    })),
  };
}
