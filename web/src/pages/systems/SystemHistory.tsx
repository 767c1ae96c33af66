import { Button, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemHistory } from '../../api/systems-hooks';
import type { HistoryEntry, HistoryPage } from '../../api/systems-types';
import { useCursorPager } from '../../components/CursorPager';
import { ServerTable } from '../../components/ServerTable';
import { formatDateTime } from '../../lib/dates';
import { useLocale } from '../../lib/useLocale';
import { historyChanges } from './historyChanges';

/** A registration lists many fields: the first few show, the rest on request. */
const SHOWN_LINES = 5;

const NO_REFS: HistoryPage['refs'] = { organisations: {}, contacts: {} };

function Changes({ entry, refs }: { entry: HistoryEntry; refs: HistoryPage['refs'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [expanded, setExpanded] = useState(false);
  const { component, reason, lines } = historyChanges(t, refs, locale, entry);
  const shown = expanded ? lines : lines.slice(0, SHOWN_LINES);
  return (
    <div style={{ maxWidth: 520, whiteSpace: 'normal' }} data-testid="history-changes">
      {component ? (
        <div>
          <Typography.Text strong>{component}</Typography.Text>
        </div>
      ) : null}
      {reason ? (
        <div>
          <Tag>{reason}</Tag>
        </div>
      ) : null}
      {shown.map((line) => (
        <div key={line.field} data-testid={`history-field-${line.field}`}>
          <Typography.Text type="secondary">{line.label}: </Typography.Text>
          {line.before !== undefined ? (
            <>
              <Typography.Text delete={line.before !== '—'}>{line.before}</Typography.Text>
              {' → '}
            </>
          ) : null}
          <Typography.Text>{line.value}</Typography.Text>
        </div>
      ))}
      {lines.length > SHOWN_LINES ? (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('systems.historyLess') : t('systems.historyMore', { count: lines.length - SHOWN_LINES })}
        </Button>
      ) : null}
    </div>
  );
}

function Actor({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  if (entry.actorName)
    return (
      <>
        <div>{entry.actorName}</div>
        <Typography.Text type="secondary">{entry.actor}</Typography.Text>
      </>
    );
  if (entry.actor.startsWith('system:'))
    return <>{t('systems.historySystemActor', { name: entry.actor.slice('system:'.length) })}</>;
  return <>{entry.actor}</>;
}

/** Changes to the system and its components, newest first, in the reader's language. */
export function SystemHistory({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const pager = useCursorPager(systemId);
  const list = useSystemHistory(systemId, { cursor: pager.cursor, limit: pager.limit }, true);
  const refs = list.data?.refs ?? NO_REFS;
  const columns: TableColumnsType<HistoryEntry> = [
    {
      title: t('systems.historyWhen'),
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('systems.historyWho'), key: 'actor', width: 180, render: (_: unknown, e) => <Actor entry={e} /> },
    {
      title: t('systems.historyWhat'),
      dataIndex: 'action',
      width: 180,
      render: (a: string) => t(`systems.actions.${a}` as 'systems.actions.system.create', { defaultValue: a }),
    },
    {
      title: t('systems.historyChange'),
      key: 'diff',
      render: (_: unknown, e) => <Changes entry={e} refs={refs} />,
    },
  ];
  return (
    <ServerTable<HistoryEntry>
      testId="system-history"
      list={list}
      pager={pager}
      columns={columns}
      emptyText={t('systems.noHistory')}
    />
  );
}
