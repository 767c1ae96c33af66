import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Flex,
  Input,
  Popconfirm,
  Segmented,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddNetwork, useNetworks, useRemoveNetwork } from '../../api/networks-hooks';
import type { NetworkEntry, NetworkInput, NetworkKind } from '../../api/networks-types';
import { useCursorPager } from '../../components/CursorPager';
import { ServerTable } from '../../components/ServerTable';
import { errorText, notifySuccess } from '../../lib/notify';

const KINDS: NetworkKind[] = ['range', 'domain', 'asn'];

/** An organisation's ranges, domains and ASNs; coordinators add and remove them. */
export function NetworksSection({ organisationId, manage }: { organisationId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<NetworkKind>('range');
  const pager = useCursorPager(`${organisationId}:${kind}`);
  const list = useNetworks(organisationId, kind, { cursor: pager.cursor, limit: pager.limit });
  const remove = useRemoveNetwork(organisationId);

  const columns: TableColumnsType<NetworkEntry> = [
    {
      title: t(`networks.value.${kind}`),
      key: 'value',
      render: (_, r) => (
        <Space size={4} wrap>
          <Typography.Text code data-testid="network-value">
            {r.value}
          </Typography.Text>
          {r.includeSubdomains ? <Tag>{t('networks.includeSubdomains')}</Tag> : null}
          {r.conflict ? (
            <Tag color={r.conflict === 'tie' ? 'red' : 'orange'} title={t(`networks.conflictHint.${r.conflict}`)}>
              {t(`networks.conflict.${r.conflict}`)}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { title: t('networks.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '' },
    ...(manage
      ? [
          {
            title: '',
            key: 'actions',
            width: 48,
            render: (_: unknown, r: NetworkEntry) => (
              <Popconfirm
                title={t('networks.removeConfirm', { value: r.value })}
                onConfirm={() =>
                  remove
                    .mutateAsync({ kind: r.kind, entryId: r.id })
                    .then(() => notifySuccess(t('networks.removed')))
                    .catch(() => undefined)
                }
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="org-networks">
      <div className="section-header">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('networks.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('networks.intro')}</Typography.Paragraph>
      <Segmented<NetworkKind>
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => ({ value: k, label: t(`networks.kind.${k}`) }))}
        style={{ marginBottom: 8 }}
        data-testid="org-networks-kind"
      />
      {manage ? <AddNetworkForm organisationId={organisationId} kind={kind} /> : null}
      <ServerTable<NetworkEntry>
        testId="org-networks-table"
        columns={columns}
        list={list}
        pager={pager}
        emptyText={t('networks.empty')}
        size="small"
      />
    </div>
  );
}

function AddNetworkForm({ organisationId, kind }: { organisationId: string; kind: NetworkKind }) {
  const { t } = useTranslation();
  const add = useAddNetwork(organisationId);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [subdomains, setSubdomains] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const text = value.trim();
    if (!text) return;
    const input: NetworkInput =
      kind === 'range'
        ? { kind, cidr: text, note: note || null }
        : kind === 'domain'
          ? { kind, domain: text, includeSubdomains: subdomains, note: note || null }
          : { kind, asn: text, note: note || null };
    try {
      const entry = await add.mutateAsync(input);
      notifySuccess(t('networks.added', { value: entry.value }));
      setValue('');
      setNote('');
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }} size={4}>
      <Flex gap={8} wrap>
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={() => void submit()}
          placeholder={t(`networks.placeholder.${kind}`)}
          aria-label={t(`networks.value.${kind}`)}
          status={error ? 'error' : undefined}
          style={{ flex: '2 1 200px' }}
          data-testid="org-networks-value"
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('networks.note')}
          aria-label={t('networks.note')}
          style={{ flex: '1 1 140px' }}
        />
        {kind === 'domain' ? (
          <Checkbox checked={subdomains} onChange={(e) => setSubdomains(e.target.checked)}>
            {t('networks.includeSubdomains')}
          </Checkbox>
        ) : null}
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void submit()}
          loading={add.isPending}
          data-testid="org-networks-add"
        >
          {t('networks.add')}
        </Button>
      </Flex>
      {error ? (
        <Typography.Text type="danger" data-testid="org-networks-error">
          {error}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
