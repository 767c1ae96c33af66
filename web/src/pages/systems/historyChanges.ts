// Turns a system history entry's audit diff into localised lines: "Label: before → after".

import type { TFunction } from 'i18next';
import type { HistoryEntry, HistoryPage, SecurityMeasures } from '../../api/systems-types';
import { orgName } from '../../components/labels';
import { formatDate } from '../../lib/dates';

type Refs = HistoryPage['refs'];
type Locale = 'vi' | 'en';

export interface ChangeLine {
  field: string;
  label: string;
  /** absent for a creation or removal, where only the value is shown */
  before?: string;
  value: string;
}

export interface HistoryChanges {
  /** the component an event is about ("Máy chủ · 203.0.113.6") */
  component: string | null;
  reason: string | null;
  lines: ChangeLine[];
}

/** Labels of the system's and the components' fields, as the form and the detail page name them. */
function fieldLabel(t: TFunction, field: string): string {
  switch (field) {
    case 'code':
      return t('systems.code');
    case 'name':
      return t('systems.nameVi');
    case 'nameEn':
      return t('systems.nameEn');
    case 'ownerOrgId':
      return t('systems.owner');
    case 'operatorOrgId':
      return t('systems.operator');
    case 'securityLevel':
      return t('systems.level');
    case 'levelDecisionNo':
      return t('systems.levelDecisionNo');
    case 'levelDecisionDate':
      return t('systems.levelDecisionDate');
    case 'levelApprovedBy':
      return t('systems.levelApprovedBy');
    case 'category':
      return t('systems.category');
    case 'sharedProvincial':
      return t('systems.sharedProvincial');
    case 'nationalCritical':
      return t('systems.nationalCritical');
    case 'internetFacing':
      return t('systems.internetFacing');
    case 'description':
      return t('systems.description');
    case 'status':
      return t('systems.status');
    case 'ownerContactId':
      return t('systems.ownerContact');
    case 'securityMeasures':
      return t('systems.securityMeasures');
    case 'securityProvider':
      return t('systems.securityProvider');
    case 'connectivityProvider':
      return t('systems.connectivityProvider');
    case 'osAndServices':
      return t('systems.osAndServices');
    case 'kind':
      return t('systems.componentKind');
    case 'ip':
    case 'hostname':
    case 'fqdn':
    case 'url':
    case 'cidr':
    case 'domain':
    case 'cpe':
    case 'purl':
    case 'vendor':
    case 'product':
    case 'version':
    case 'os':
    case 'note':
      return t(`systems.fields.${field}`);
    default:
      return field;
  }
}

const EMPTY = '—';

/** The order the form and the detail page show fields in (the stored diff's key order is jsonb's). */
const FIELD_ORDER = [
  'code',
  'name',
  'nameEn',
  'ownerOrgId',
  'operatorOrgId',
  'ownerContactId',
  'category',
  'status',
  'securityLevel',
  'levelDecisionNo',
  'levelDecisionDate',
  'levelApprovedBy',
  'sharedProvincial',
  'nationalCritical',
  'internetFacing',
  'securityMeasures',
  'securityProvider',
  'connectivityProvider',
  'osAndServices',
  'description',
  'kind',
  'ip',
  'fqdn',
  'hostname',
  'url',
  'cidr',
  'domain',
  'cpe',
  'purl',
  'vendor',
  'product',
  'version',
  'os',
  'note',
];

function byFieldOrder(a: string, b: string): number {
  const rank = (f: string) => {
    const i = FIELD_ORDER.indexOf(f);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return rank(a) - rank(b);
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === false) return true;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const m = v as Partial<SecurityMeasures>;
    if ('antivirus' in m) return !m.antivirus && !m.firewall && !m.ids && !m.other;
  }
  return false;
}

function measuresText(t: TFunction, m: SecurityMeasures): string {
  const names = (['antivirus', 'firewall', 'ids'] as const).filter((k) => m[k]).map((k) => t(`systems.measures.${k}`));
  if (m.other) names.push(`${t('systems.measures.other')}: ${m.other}`);
  return names.join(', ') || EMPTY;
}

function valueText(t: TFunction, refs: Refs, locale: Locale, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  switch (field) {
    case 'securityLevel':
      return typeof v === 'number' ? t('systems.levelN', { level: v }) : String(v);
    case 'category':
      return t(`systems.categories.${v}` as 'systems.categories.other', { defaultValue: String(v) });
    case 'status':
      return t(`systems.statuses.${v}` as 'systems.statuses.active', { defaultValue: String(v) });
    case 'kind':
      return t(`systems.kinds.${v}` as 'systems.kinds.host', { defaultValue: String(v) });
    case 'levelDecisionDate':
      return formatDate(String(v));
    case 'ownerOrgId':
    case 'operatorOrgId': {
      const org = refs.organisations[String(v)];
      return org ? `${org.code} — ${orgName(org, locale)}` : t('systems.historyUnknownOrganisation');
    }
    case 'ownerContactId':
      return refs.contacts[String(v)]?.personName ?? t('systems.historyRemovedContact');
    case 'securityMeasures':
      return typeof v === 'object' ? measuresText(t, v as SecurityMeasures) : String(v);
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

type Diff = {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  detail?: { componentKind?: string; component?: string; reason?: string } | null;
};

/** What an entry changed, in the reader's language; creations and removals list what was filled in. */
export function historyChanges(t: TFunction, refs: Refs, locale: Locale, entry: HistoryEntry): HistoryChanges {
  const diff = (entry.diff && typeof entry.diff === 'object' ? entry.diff : {}) as Diff;
  const detail = diff.detail ?? null;
  const componentKind = detail?.componentKind ?? (diff.after?.kind as string | undefined) ?? diff.before?.kind;
  const component =
    entry.subjectType === 'system_component' && detail?.component
      ? `${valueText(t, refs, locale, 'kind', componentKind)} · ${detail.component}`
      : null;
  const reason = detail?.reason === 'organisation.merge' ? t('systems.historyReasonMerge') : null;
  const show = (field: string, v: unknown) => valueText(t, refs, locale, field, v);
  const fields = [...new Set([...Object.keys(diff.before ?? {}), ...Object.keys(diff.after ?? {})])].sort(byFieldOrder);
  // the values already in the component's heading ("203.0.113.10 · www.example") are not repeated
  const inHeading = new Set(detail?.component ? [detail.component, ...detail.component.split(' · ')] : []);
  const lines: ChangeLine[] = [];
  for (const field of fields) {
    const before = diff.before?.[field];
    const after = diff.after?.[field];
    const label = fieldLabel(t, field);
    if (diff.before && diff.after) {
      lines.push({ field, label, before: show(field, before), value: show(field, after) });
      continue;
    }
    const value = diff.after ? after : before;
    // A creation or removal: only what holds something (the component's kind is in its heading).
    if (isEmpty(value) || (component && field === 'kind')) continue;
    const text = show(field, value);
    if (component && inHeading.has(text)) continue;
    lines.push({ field, label, value: text });
  }
  return { component, reason, lines };
}
