import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useIncident } from '../../../api/cases-hooks';
import {
  useAddLink,
  useLinks,
  useMergeIncident,
  useObservables,
  useRemoveLink,
  useSplitIncident,
} from '../../../api/casework-hooks';
import { type IncidentLink, LINK_KINDS, type LinkKind, type Tlp } from '../../../api/casework-types';
import { useIncidentTasks } from '../../../api/tasks-hooks';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { linkKindLabel, ObservableValue, observableTypeLabel, statusLabel, TlpTag } from './caseworkLabels';

function LinkForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState<LinkKind>('related');
  const add = useAddLink(incidentId);
  return (
    <Space wrap>
      <Input
        data-testid="link-number"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        placeholder={t('casework.links.otherNumber')}
        style={{ width: 220 }}
      />
      <Select<LinkKind>
        value={kind}
        onChange={setKind}
        options={LINK_KINDS.map((k) => ({ value: k, label: linkKindLabel(t, k) }))}
        style={{ width: 200 }}
      />
      <Button
        disabled={!number.trim()}
        loading={add.isPending}
        onClick={() =>
          add.mutate(
            { otherNumber: number.trim(), kind },
            {
              onSuccess: () => {
                setNumber('');
                notifySuccess(t('casework.links.added'));
              },
              onError: notifyError,
            },
          )
        }
      >
        {t('casework.links.add')}
      </Button>
    </Space>
  );
}

function MergeModal({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const merge = useMergeIncident(incidentId);
  return (
    <Modal
      open={open}
      title={t('casework.merge.title')}
      okText={t('casework.merge.confirm')}
      okButtonProps={
        {
          danger: true,
          disabled: !number.trim(),
          loading: merge.isPending,
          'data-testid': 'merge-confirm',
        } as ButtonProps
      }
      onCancel={onClose}
      onOk={() =>
        merge.mutate(number.trim(), {
          onSuccess: (r) => {
            notifySuccess(t('casework.merge.done', { number: r.targetNumber }));
            setNumber('');
            onClose();
          },
          onError: notifyError,
        })
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('casework.merge.help')}</Typography.Paragraph>
      <Input
        data-testid="merge-target"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        placeholder={t('casework.merge.target')}
      />
    </Modal>
  );
}

function SplitModal({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [observableIds, setObservableIds] = useState<string[]>([]);
  const [taskIds, setTaskIds] = useState<string[]>([]);
  const [reportIds, setReportIds] = useState<string[]>([]);
  const observables = useObservables(incidentId, { limit: 100 });
  const tasks = useIncidentTasks(incidentId);
  const incident = useIncident(incidentId);
  const split = useSplitIncident(incidentId);
  return (
    <Modal
      open={open}
      title={t('casework.split.title')}
      okText={t('casework.split.confirm')}
      okButtonProps={
        { disabled: !title.trim(), loading: split.isPending, 'data-testid': 'split-confirm' } as ButtonProps
      }
      onCancel={onClose}
      onOk={() =>
        split.mutate(
          { title: title.trim(), observableIds, taskIds, reportIds },
          {
            onSuccess: (r) => {
              notifySuccess(t('casework.split.done', { number: r.number }));
              setTitle('');
              setObservableIds([]);
              setTaskIds([]);
              setReportIds([]);
              onClose();
              navigate(`/incidents/${r.id}`);
            },
            onError: notifyError,
          },
        )
      }
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('casework.split.help')}</Typography.Paragraph>
        <Input
          data-testid="split-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('casework.split.newTitle')}
          maxLength={500}
        />
        <Select<string[]>
          data-testid="split-observables"
          mode="multiple"
          value={observableIds}
          onChange={setObservableIds}
          placeholder={t('casework.split.observables')}
          style={{ width: '100%' }}
          optionFilterProp="title"
          options={(observables.data?.items ?? []).map((o) => ({
            value: o.id,
            title: o.value,
            label: (
              <span>
                {observableTypeLabel(t, o.type)}: <ObservableValue value={o.value} />
              </span>
            ),
          }))}
        />
        <Select<string[]>
          mode="multiple"
          value={taskIds}
          onChange={setTaskIds}
          placeholder={t('casework.split.tasks')}
          style={{ width: '100%' }}
          optionFilterProp="label"
          options={(tasks.data?.items ?? []).map((task) => ({ value: task.id, label: task.title }))}
        />
        <Select<string[]>
          mode="multiple"
          value={reportIds}
          onChange={setReportIds}
          placeholder={t('casework.split.reports')}
          style={{ width: '100%' }}
          optionFilterProp="label"
          options={(incident.data?.reports ?? []).map((r) => ({ value: r.id, label: `${r.trackingNo} — ${r.title}` }))}
        />
      </Space>
    </Modal>
  );
}

/** Linked incidents (those the user sees), linking by number, and the merge and split actions. */
export default function LinksTab({ incidentId, canWork }: { incidentId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const query = useLinks(incidentId);
  const remove = useRemoveLink(incidentId);
  const [modal, setModal] = useState<'merge' | 'split' | null>(null);
  const mergedInto = query.data?.mergedInto ?? null;
  const columns: TableColumnsType<IncidentLink> = [
    {
      title: t('casework.links.number'),
      dataIndex: 'number',
      width: 170,
      render: (v: string, row) => <Link to={`/incidents/${row.incidentId}`}>{v}</Link>,
    },
    { title: t('casework.links.incident'), dataIndex: 'title' },
    {
      title: t('casework.links.status'),
      dataIndex: 'status',
      width: 130,
      render: (v: string) => statusLabel(t, v),
    },
    { title: t('casework.observables.tlp'), dataIndex: 'tlp', width: 170, render: (v: Tlp) => <TlpTag tlp={v} /> },
    { title: t('casework.links.kind'), dataIndex: 'kind', width: 170, render: (v: string) => linkKindLabel(t, v) },
  ];
  if (canWork)
    columns.push({
      key: 'actions',
      width: 120,
      render: (_: unknown, row) => (
        <Popconfirm
          title={t('casework.links.removeConfirm')}
          onConfirm={() =>
            remove.mutate(row.incidentId, {
              onSuccess: () => notifySuccess(t('casework.links.removed')),
              onError: notifyError,
            })
          }
        >
          <Button size="small" type="link" danger>
            {t('casework.links.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="links-tab">
      {mergedInto ? (
        <Alert
          type="warning"
          showIcon
          data-testid="merged-into"
          message={
            <Link to={`/incidents/${mergedInto.id}`}>
              {t('casework.links.mergedInto', { number: mergedInto.number })}
            </Link>
          }
        />
      ) : null}
      {query.isError ? <Alert type="error" showIcon message={query.error.message} /> : null}
      {canWork && !mergedInto ? (
        <Card size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <LinkForm incidentId={incidentId} />
            <Space wrap>
              <Button danger data-testid="merge-open" onClick={() => setModal('merge')}>
                {t('casework.merge.button')}
              </Button>
              <Button data-testid="split-open" onClick={() => setModal('split')}>
                {t('casework.split.button')}
              </Button>
            </Space>
          </Space>
        </Card>
      ) : null}
      <Table<IncidentLink>
        data-testid="links-table"
        rowKey="incidentId"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        locale={{ emptyText: t('casework.links.empty') }}
      />
      <MergeModal incidentId={incidentId} open={modal === 'merge'} onClose={() => setModal(null)} />
      {modal === 'split' ? <SplitModal incidentId={incidentId} open onClose={() => setModal(null)} /> : null}
    </Space>
  );
}
