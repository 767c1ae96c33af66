/**
 * QĐ 05/2017/QĐ-TTg Điều 9 as a guided checklist: an incident is serious (sự cố nghiêm trọng) when
 * (1) the system is cấp độ 4 or 5 or on the national critical list AND suffers one of the listed
 * impacts (a)–(đ), and (2) the owner cannot control or handle it itself. Answers may be 'unknown';
 * the rule is then evaluated in three-valued logic so that a result is only given when no pending
 * answer could change it. Pure and import-free, so the web form runs the same function.
 */

export type Answer = 'yes' | 'no' | 'unknown';

/** Điều 9 khoản 1 điểm a–đ, in the order of the decision. */
export const IMPACTS = [
  'serviceOutage',
  'secretDisclosure',
  'unrecoverableIntegrityLoss',
  'lossOfControl',
  'widespreadOrCascade',
] as const;
export type Impact = (typeof IMPACTS)[number];

export type SeriousIncidentAnswers = {
  securityLevel: 1 | 2 | 3 | 4 | 5 | 'unknown';
  nationalCriticalList: Answer;
  impacts: Record<Impact, Answer>;
  beyondOwnerCapacity: Answer;
};

export type Question = 'securityLevel' | 'nationalCriticalList' | `impact.${Impact}` | 'beyondOwnerCapacity';

export type ReasonKey =
  | 'highLevel'
  | 'nationalCriticalList'
  | `impact.${Impact}`
  | 'beyondOwnerCapacity'
  | 'lowLevelNotCritical'
  | 'noListedImpact'
  | 'withinOwnerCapacity';

/**
 * `reasons`: message keys (see messages.ts) of the facts that decide the result; while undetermined,
 * the conditions already met. `missing`: the unanswered questions that could still change the
 * result, empty once it is decided.
 */
export type SeriousIncidentResult = {
  serious: boolean | 'undetermined';
  reasons: ReasonKey[];
  missing: Question[];
};

export const UNANSWERED: SeriousIncidentAnswers = {
  securityLevel: 'unknown',
  nationalCriticalList: 'unknown',
  impacts: {
    serviceOutage: 'unknown',
    secretDisclosure: 'unknown',
    unrecoverableIntegrityLoss: 'unknown',
    lossOfControl: 'unknown',
    widespreadOrCascade: 'unknown',
  },
  beyondOwnerCapacity: 'unknown',
};

/** One condition in three-valued logic, with what settles it either way or what it still needs. */
type Condition = { value: Answer; yes: ReasonKey[]; no: ReasonKey[]; missing: Question[] };

function systemCondition(a: SeriousIncidentAnswers): Condition {
  const yes: ReasonKey[] = [];
  if (a.securityLevel === 4 || a.securityLevel === 5) yes.push('highLevel');
  if (a.nationalCriticalList === 'yes') yes.push('nationalCriticalList');
  if (yes.length > 0) return { value: 'yes', yes, no: [], missing: [] };
  const missing: Question[] = [];
  if (a.securityLevel === 'unknown') missing.push('securityLevel');
  if (a.nationalCriticalList === 'unknown') missing.push('nationalCriticalList');
  if (missing.length > 0) return { value: 'unknown', yes: [], no: [], missing };
  return { value: 'no', yes: [], no: ['lowLevelNotCritical'], missing: [] };
}

function impactCondition(a: SeriousIncidentAnswers): Condition {
  const yes = IMPACTS.filter((i) => a.impacts[i] === 'yes').map((i): ReasonKey => `impact.${i}`);
  if (yes.length > 0) return { value: 'yes', yes, no: [], missing: [] };
  const missing = IMPACTS.filter((i) => a.impacts[i] === 'unknown').map((i): Question => `impact.${i}`);
  if (missing.length > 0) return { value: 'unknown', yes: [], no: [], missing };
  return { value: 'no', yes: [], no: ['noListedImpact'], missing: [] };
}

function capacityCondition(a: SeriousIncidentAnswers): Condition {
  if (a.beyondOwnerCapacity === 'yes') return { value: 'yes', yes: ['beyondOwnerCapacity'], no: [], missing: [] };
  if (a.beyondOwnerCapacity === 'no') return { value: 'no', yes: [], no: ['withinOwnerCapacity'], missing: [] };
  return { value: 'unknown', yes: [], no: [], missing: ['beyondOwnerCapacity'] };
}

export function assessSeriousIncident(answers: SeriousIncidentAnswers): SeriousIncidentResult {
  const conditions = [systemCondition(answers), impactCondition(answers), capacityCondition(answers)];
  const failed = conditions.filter((c) => c.value === 'no');
  // One failed condition settles "not serious" whatever is still unanswered.
  if (failed.length > 0) return { serious: false, reasons: failed.flatMap((c) => c.no), missing: [] };
  if (conditions.some((c) => c.value === 'unknown'))
    return {
      serious: 'undetermined',
      reasons: conditions.flatMap((c) => c.yes),
      missing: conditions.flatMap((c) => c.missing),
    };
  return { serious: true, reasons: conditions.flatMap((c) => c.yes), missing: [] };
}
