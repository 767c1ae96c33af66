import { DeleteOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAddObservables,
  useChangeObservable,
  useObservables,
  useRemoveObservable,
} from '../../../api/casework-hooks';
import { type Observable, type ObservableAddResult, TLPS, type Tlp } from '../../../api/casework-types';
import { CursorPager, useCursorPager } from '../../../components/CursorPager';
import { orgName } from '../../../components/labels';
import { formatDateTime } from '../../../lib/dates';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { ObservableValue, observableTypeLabel, TlpTag } from './caseworkLabels';

const SHOWN_FOUND = 30;

function AddBox({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [isIoc, setIsIoc] = useState(false);
  const [tlp, setTlp] = useState<Tlp | undefined>();
  const [result, setResult] = useState<ObservableAddResult | null>(null);
  const add = useAddObservables(incidentId);
  const submit = () =>
    add.mutate(
      { text, isIoc, ...(tlp ? { tlp } : {}) },
      {
        onSuccess: (r) => {
          setResult(r);
          if (r.found.length > 0) setText('');
        },
        onError: notifyError,
      },
    );
  return (
    <Card size="small" title={t('casework.observables.addTitle')} data-testid="observables-add">
      <Typography.Paragraph type="secondary">{t('casework.observables.addHelp')}</Typography.Paragraph>
      <Input.TextArea
        data-testid="observables-text"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('casework.observables.addPlaceholder')}
        style={{ fontFamily: 'monospace' }}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Checkbox checked={isIoc} onChange={(e) => setIsIoc(e.target.checked)}>
          {t('casework.observables.markIoc')}
        </Checkbox>
        <Select<Tlp>
          allowClear
          placeholder={t('casework.observables.tlp')}
          value={tlp}
          onChange={setTlp}
          options={TLPS.map((v) => ({ value: v, label: t(`casework.tlp.${v}`) }))}
          style={{ width: 180 }}
        />
        <Button
          type="primary"
          data-testid="observables-submit"
          loading={add.isPending}
          disabled={!text.trim()}
          onClick={submit}
        >
          {t('casework.observables.add')}
        </Button>
      </Space>
      {result ? <AddResult result={result} /> : null}
    </Card>
  );
}

function AddResult({ result }: { result: ObservableAddResult }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 12 }} data-testid="observables-result">
      <Alert
        type={result.found.length > 0 ? 'success' : 'warning'}
        showIcon
        message={
          result.found.length > 0
            ? t('casework.observables.result', { found: result.found.length, added: result.added })
            : t('casework.observables.nothingFound')
        }
        description={
          <Space wrap size={[4, 4]}>
            {result.found.slice(0, SHOWN_FOUND).map((o) => (
              <Tag key={`${o.type}:${o.value}`}>
                {observableTypeLabel(t, o.type)}: <ObservableValue value={o.value} />
              </Tag>
            ))}
            {result.found.length > SHOWN_FOUND ? <Tag>+{result.found.length - SHOWN_FOUND}</Tag> : null}
          </Space>
        }
      />
      {result.rejected.length > 0 ? (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          message={t('casework.observables.rejected', { count: result.rejected.length })}
          description={
            <Space wrap size={[4, 4]}>
              {result.rejected.slice(0, SHOWN_FOUND).map((o, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rejected values may repeat
                <Tag key={i} color="red">
                  <ObservableValue value={o.value} />
                </Tag>
              ))}
            </Space>
          }
        />
      ) : null}
      {result.truncated ? (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon message={t('casework.observables.truncated')} />
      ) : null}
    </div>
  );
}

function Owners({ owners }: { owners: Observable['owners'] }) {
  const { t } = useTranslation();
  if (owners.length === 0)
    return <Typography.Text type="secondary">{t('casework.observables.noOwner')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {owners.map((o) => (
        <span key={`${o.organisation.id}:${o.system?.id ?? ''}:${o.match}`}>
          {orgName(o.organisation)}
          {o.system ? <Typography.Text type="secondary"> · {o.system.name}</Typography.Text> : null}
        </span>
      ))}
    </Space>
  );
}

/** The observables of an incident: table with IOC flag, TLP and owners, and a box to paste more. */
export default function ObservablesTab({ incidentId, canWork }: { incidentId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const pager = useCursorPager(incidentId);
  const query = useObservables(incidentId, { cursor: pager.cursor, limit: pager.limit });
  const change = useChangeObservable(incidentId);
  const remove = useRemoveObservable(incidentId);
  const columns: TableColumnsType<Observable> = [
    {
      title: t('casework.observables.type'),
      dataIndex: 'type',
      width: 130,
      render: (v: string) => <Tag>{observableTypeLabel(t, v)}</Tag>,
    },
    {
      title: t('casework.observables.value'),
      dataIndex: 'value',
      render: (v: string) => <ObservableValue value={v} />,
    },
    {
      title: t('casework.observables.ioc'),
      dataIndex: 'isIoc',
      width: 80,
      render: (v: boolean, row) => (
        <Switch
          size="small"
          checked={v}
          disabled={!canWork}
          aria-label={t('casework.observables.ioc')}
          onChange={(isIoc) => change.mutate({ observableId: row.id, change: { isIoc } }, { onError: notifyError })}
        />
      ),
    },
    {
      title: t('casework.observables.tlp'),
      dataIndex: 'tlp',
      width: 190,
      render: (v: Tlp, row) =>
        canWork ? (
          <Select<Tlp>
            size="small"
            value={v}
            style={{ width: 170 }}
            onChange={(tlp) => change.mutate({ observableId: row.id, change: { tlp } }, { onError: notifyError })}
            options={TLPS.map((x) => ({ value: x, label: t(`casework.tlp.${x}`) }))}
          />
        ) : (
          <TlpTag tlp={v} />
        ),
    },
    {
      title: t('casework.observables.owners'),
      dataIndex: 'owners',
      render: (o: Observable['owners']) => <Owners owners={o} />,
    },
    { title: t('casework.observables.firstSeen'), dataIndex: 'firstSeenAt', width: 150, render: formatDateTime },
  ];
  if (canWork)
    columns.push({
      key: 'actions',
      width: 60,
      render: (_: unknown, row) => (
        <Popconfirm
          title={t('casework.observables.removeConfirm')}
          onConfirm={() =>
            remove.mutate(row.id, {
              onSuccess: () => notifySuccess(t('casework.observables.removed')),
              onError: notifyError,
            })
          }
        >
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('casework.observables.remove')}
          />
        </Popconfirm>
      ),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="observables-tab">
      {canWork ? <AddBox incidentId={incidentId} /> : null}
      {query.isError ? <Alert type="error" showIcon message={String(query.error.message)} /> : null}
      <Table<Observable>
        data-testid="observables-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        locale={{ emptyText: t('casework.observables.empty') }}
        scroll={{ x: 900 }}
      />
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
    </Space>
  );
}
