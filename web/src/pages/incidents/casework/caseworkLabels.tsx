import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Tlp } from '../../../api/casework-types';
import casesDict from '../../../i18n/parts/cases.en.json';
import dict from '../../../i18n/parts/casework.en.json';

const TLP_COLORS: Record<Tlp, string> = {
  clear: 'default',
  green: 'green',
  amber: 'orange',
  'amber+strict': 'volcano',
  red: 'red',
};

export function TlpTag({ tlp }: { tlp: Tlp }) {
  const { t } = useTranslation();
  return <Tag color={TLP_COLORS[tlp]}>{t(`casework.tlp.${tlp}`)}</Tag>;
}

/** A value from a report or a paste: plain monospace text, never a link or markup. */
export function ObservableValue({ value }: { value: string }) {
  return (
    <code className="observable-value" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
      {value}
    </code>
  );
}

type TypeKey = keyof typeof dict.types;
type EventKey = keyof typeof dict.timeline.kinds;
type LinkKey = keyof typeof dict.links.kinds;

export function observableTypeLabel(t: TFunction, type: string): string {
  return type in dict.types ? t(`casework.types.${type as TypeKey}`) : type;
}

export function eventKindLabel(t: TFunction, kind: string): string {
  return kind in dict.timeline.kinds ? t(`casework.timeline.kinds.${kind as EventKey}`) : kind;
}

export function linkKindLabel(t: TFunction, kind: string): string {
  return kind in dict.links.kinds ? t(`casework.links.kinds.${kind as LinkKey}`) : kind;
}

type StatusKey = keyof typeof casesDict.status;

/** An incident status in words (the cases area's labels). */
export function statusLabel(t: TFunction, status: string): string {
  return status in casesDict.status ? t(`cases.status.${status as StatusKey}`) : status;
}
