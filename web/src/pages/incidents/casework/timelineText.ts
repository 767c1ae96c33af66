import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../api/casework-types';
import tasksDict from '../../../i18n/parts/tasks.en.json';
import { linkKindLabel, observableTypeLabel, statusLabel } from './caseworkLabels';

type Locale = 'vi' | 'en';
type Detail = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const count = (v: unknown): number =>
  Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;

/** The incident fields update-incident writes, with the words the cases area uses for them. */
const FIELD_KEYS = {
  title: 'cases.fields.title',
  description: 'cases.fields.description',
  typeCode: 'cases.fields.type',
  severity: 'cases.fields.severity',
  detectedAt: 'cases.fields.detectedAt',
  occurredAt: 'cases.fields.occurredAt',
  leadUserId: 'cases.fields.lead',
  tlp: 'casework.timeline.fields.tlp',
  pap: 'casework.timeline.fields.pap',
} as const;
const fieldName = (t: TFunction, k: string): string =>
  k in FIELD_KEYS ? t(FIELD_KEYS[k as keyof typeof FIELD_KEYS]) : k;

function taskStatus(t: TFunction, s: unknown): string {
  const v = str(s);
  return v in tasksDict.status ? t(`tasks.status.${v as keyof typeof tasksDict.status}`) : v;
}

/** Older entries (and entries without detail) carry "tiếng Việt / English" text: show the reader's half. */
export function halfOf(summary: string, locale: Locale): string {
  const parts = summary.split(' / ');
  if (parts.length !== 2) return summary;
  return (locale === 'en' ? parts[1] : parts[0]) ?? summary;
}

function taskText(t: TFunction, d: Detail, locale: Locale): string | null {
  const title = locale === 'en' && str(d.titleEn) ? str(d.titleEn) : str(d.title);
  switch (d.action) {
    case 'added':
      return t('casework.timeline.text.taskAdded', { title });
    case 'updated':
      return t('casework.timeline.text.taskUpdated', { title });
    case 'status':
      return t('casework.timeline.text.taskStatus', {
        title,
        from: taskStatus(t, d.from),
        to: taskStatus(t, d.status),
      });
    case 'playbook':
      return t('casework.timeline.text.playbook', {
        title: locale === 'en' ? str(d.titleEn) : str(d.titleVi),
        count: Number(d.added) || 0,
      });
    default:
      return null;
  }
}

function evidenceText(t: TFunction, d: Detail): string | null {
  if (d.action === 'received')
    return t('casework.timeline.text.evidenceReceived', { name: str(d.name), sha: str(d.sha256).slice(0, 12) });
  if (d.action === 'transferred') return t('casework.timeline.text.evidenceTransferred');
  if (d.action === 'exported') return t('casework.timeline.text.evidenceExported');
  return null;
}

function byKind(t: TFunction, e: TimelineEntry, d: Detail, locale: Locale): string | null {
  switch (e.kind) {
    case 'created':
      return t('casework.timeline.text.created', { number: str(d.number), title: e.summary });
    case 'status': {
      const text = t('casework.timeline.text.status', {
        from: statusLabel(t, str(d.from)),
        to: statusLabel(t, str(d.to)),
      });
      return str(d.reason) ? `${text} — ${str(d.reason)}` : text;
    }
    case 'serious':
      return t(d.to === 'serious' ? 'casework.timeline.text.seriousOn' : 'casework.timeline.text.seriousOff');
    case 'members':
      return t('casework.timeline.text.members', { count: count(d.members) });
    case 'organisations':
      return t('casework.timeline.text.organisations', { count: count(d.organisations) });
    case 'systems':
      return t('casework.timeline.text.systems', { count: count(d.systemIds) });
    case 'fields': {
      const keys = Object.keys((d.after as Detail | undefined) ?? {});
      const names = keys.map((k) => fieldName(t, k));
      return t('casework.timeline.text.fields', { fields: names.join(', ') });
    }
    case 'report': {
      const trackingNo = str(d.trackingNo);
      const title = e.summary.startsWith(`${trackingNo}: `) ? e.summary.slice(trackingNo.length + 2) : '';
      return t('casework.timeline.text.report', { trackingNo, title });
    }
    case 'task':
      return taskText(t, d, locale);
    case 'evidence':
      return evidenceText(t, d);
    case 'observable':
      if (typeof d.removed === 'number')
        return t('casework.timeline.text.observableRemoved', { type: observableTypeLabel(t, str(d.type)) });
      return d.reportId
        ? t('casework.timeline.text.observablesFromReport', { count: Number(d.added) || 0 })
        : t('casework.timeline.text.observablesAdded', { count: Number(d.added) || 0 });
    case 'link': {
      if (!str(d.number)) return null;
      const relation = str(d.kind) ? linkKindLabel(t, str(d.kind)) : '';
      return t(d.removed ? 'casework.timeline.text.unlinked' : 'casework.timeline.text.linked', {
        relation,
        number: str(d.number),
      });
    }
    case 'merge':
      return t(d.into ? 'casework.timeline.text.mergedInto' : 'casework.timeline.text.mergedFrom', {
        number: str(d.number),
      });
    case 'split':
      return t(d.to ? 'casework.timeline.text.splitTo' : 'casework.timeline.text.splitFrom', { number: str(d.number) });
    default:
      return null;
  }
}

/**
 * A timeline entry in the reader's language, built from its kind and detail. A note is a person's own
 * words and is shown as written; so is anything this screen does not know yet.
 */
export function timelineText(t: TFunction, e: TimelineEntry, locale: Locale): string {
  if (e.kind === 'note' || e.kind === 'comment') return e.summary;
  const built = byKind(t, e, e.detail ?? {}, locale);
  return built ?? halfOf(e.summary, locale);
}
