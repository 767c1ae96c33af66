import { Alert, Button, Card, DatePicker, Empty, Input, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddTimelineEntry, useTimeline } from '../../../api/casework-hooks';
import { CursorPager, useCursorPager } from '../../../components/CursorPager';
import { dayjs, formatDateTime, TIME_ZONE } from '../../../lib/dates';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useLocale } from '../../../lib/useLocale';
import { eventKindLabel } from './caseworkLabels';
import { timelineText } from './timelineText';

const COLORS: Record<string, string> = {
  created: 'green',
  merge: 'purple',
  split: 'purple',
  note: 'blue',
  link: 'gray',
};

function AddEntry({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const [at, setAt] = useState<Dayjs | null>(null);
  const [summary, setSummary] = useState('');
  const add = useAddTimelineEntry(incidentId);
  const submit = () => {
    if (!at) return;
    // The picker shows wall-clock time; it is Vietnam time whatever the browser's zone.
    const occurredAt = dayjs.tz(at.format('YYYY-MM-DDTHH:mm'), TIME_ZONE).toISOString();
    add.mutate(
      { occurredAt, summary },
      {
        onSuccess: () => {
          setSummary('');
          setAt(null);
          notifySuccess(t('casework.timeline.added'));
        },
        onError: notifyError,
      },
    );
  };
  return (
    <Card size="small" title={t('casework.timeline.addTitle')}>
      <Space wrap>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="DD/MM/YYYY HH:mm"
          value={at}
          onChange={setAt}
          placeholder={t('casework.timeline.occurredAt')}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
        <Input
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          placeholder={t('casework.timeline.summary')}
          maxLength={2000}
          style={{ width: 360 }}
        />
        <Button type="primary" disabled={!at || !summary.trim()} loading={add.isPending} onClick={submit}>
          {t('casework.timeline.add')}
        </Button>
      </Space>
    </Card>
  );
}

/** The incident's timeline in the order things happened, each with when it was written down and by whom. */
export default function TimelineTab({ incidentId, canWork }: { incidentId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const pager = useCursorPager(incidentId);
  const query = useTimeline(incidentId, { cursor: pager.cursor, limit: pager.limit });
  const items = query.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="timeline-tab">
      {canWork ? <AddEntry incidentId={incidentId} /> : null}
      {query.isError ? <Alert type="error" showIcon message={query.error.message} /> : null}
      {items.length === 0 && !query.isFetching ? (
        <Empty description={t('casework.timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((e) => ({
            key: e.id,
            color: COLORS[e.kind] ?? 'blue',
            children: (
              <div data-testid="timeline-entry">
                <Space wrap size={4}>
                  <Tag>{eventKindLabel(t, e.kind)}</Tag>
                  <Typography.Text>{timelineText(t, e, locale)}</Typography.Text>
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {t('casework.timeline.occurred')}: {formatDateTime(e.occurredAt)} ·{' '}
                    {t('casework.timeline.recorded')}: {formatDateTime(e.recordedAt)} · {t('casework.timeline.by')}:{' '}
                    {e.actor}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      )}
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
    </Space>
  );
}
