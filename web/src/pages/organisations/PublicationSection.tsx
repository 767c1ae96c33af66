import { EditOutlined, LinkOutlined, SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckNow, usePublication, usePublicationChecks, useSavePortal } from '../../api/publication-hooks';
import type { CheckedValue, PublicationCheck } from '../../api/publication-types';
import { CursorPager, useCursorPager } from '../../components/CursorPager';
import { PublicationResultTag } from '../../components/PublicationResultTag';
import { formatDateTime } from '../../lib/dates';
import { errorText, notifySuccess } from '../../lib/notify';

function Values({ values, color }: { values: CheckedValue[]; color: string }) {
  const { t } = useTranslation();
  if (values.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {values.map((v) => (
        <Tag key={`${v.kind}:${v.value}`} color={color}>
          {t(`publication.kind.${v.kind}`)}: {v.value}
        </Tag>
      ))}
    </Space>
  );
}

function History({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const pager = useCursorPager(organisationId);
  const list = usePublicationChecks(organisationId, { cursor: pager.cursor, limit: pager.limit });
  const columns: TableColumnsType<PublicationCheck> = [
    { title: t('publication.checkedAt'), dataIndex: 'checkedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('publication.result'),
      dataIndex: 'result',
      render: (_, c) => <PublicationResultTag status={c.result} />,
    },
    { title: 'HTTP', dataIndex: 'httpStatus', render: (v: number | null) => v ?? '—' },
    {
      title: t('publication.evidence'),
      key: 'evidence',
      render: (_, c) =>
        c.sha256 ? (
          <Typography.Text code title={c.sha256}>
            {c.sha256.slice(0, 12)}… · {c.bytes?.toLocaleString()} B
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{c.error ?? '—'}</Typography.Text>
        ),
    },
    {
      title: t('publication.trigger'),
      dataIndex: 'trigger',
      render: (v: PublicationCheck['trigger']) => t(`publication.triggers.${v}`),
    },
  ];
  return (
    <>
      <Table<PublicationCheck>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('publication.noChecks') }}
        data-testid="publication-history"
      />
      <CursorPager
        pager={pager}
        nextCursor={list.data?.nextCursor}
        rowCount={list.data?.items.length}
        loading={list.isFetching}
      />
    </>
  );
}

/** "Công bố đầu mối": the portal page, the latest check with found/missing values, history, check now. */
export function PublicationSection({ organisationId, manage }: { organisationId: string; manage: boolean }) {
  const { t } = useTranslation();
  const publication = usePublication(organisationId);
  const save = useSavePortal(organisationId);
  const check = useCheckNow(organisationId);
  const [draft, setDraft] = useState<string | null>(null);
  const data = publication.data;
  const latest = data?.latest && data.portal && data.latest.url === data.portal.url ? data.latest : null;

  const submit = async (url: string | null) => {
    try {
      await save.mutateAsync(url);
      notifySuccess(t('common.saved'));
      setDraft(null);
    } catch {
      // shown globally
    }
  };
  const checkNow = async () => {
    try {
      const result = await check.mutateAsync(undefined);
      notifySuccess(t('publication.checked', { result: t(`publication.status.${result.result}`) }));
    } catch {
      // shown globally
    }
  };

  return (
    <div data-testid="org-publication">
      <div className="section-header">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('publication.title')}
        </Typography.Title>
        {manage && data?.portal && draft === null ? (
          <Button
            size="small"
            icon={<SyncOutlined />}
            loading={check.isPending}
            onClick={() => void checkNow()}
            data-testid="publication-check-now"
          >
            {t('publication.checkNow')}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t('publication.intro')}</Typography.Paragraph>
      {publication.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : publication.isError ? (
        <Alert type="warning" showIcon title={t('errors.loadFailed')} description={errorText(publication.error)} />
      ) : draft !== null ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="https://…/lien-he"
            aria-label={t('publication.portalUrl')}
            maxLength={2000}
            data-testid="publication-url-input"
            onPressEnter={() => void submit(draft.trim() || null)}
          />
          <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => void submit(draft.trim() || null)}
            data-testid="publication-url-save"
          >
            {t('common.save')}
          </Button>
        </Space.Compact>
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('publication.portalUrl')}>
            <Flex gap={8} align="center" justify="space-between">
              {data?.portal ? (
                <a
                  href={data.portal.url}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  data-testid="publication-url"
                >
                  <LinkOutlined /> {data.portal.url}
                </a>
              ) : (
                <Typography.Text type="secondary">{t('publication.noUrl')}</Typography.Text>
              )}
              {manage ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => setDraft(data?.portal?.url ?? '')}
                    data-testid="publication-url-edit"
                  />
                  {data?.portal ? (
                    <Popconfirm
                      title={t('publication.removeConfirm')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void submit(null)}
                    >
                      <Button size="small" type="text" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ) : null}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('publication.latest')}>
            {latest ? (
              <Space size={8} wrap>
                <PublicationResultTag status={latest.result} />
                <Typography.Text type="secondary">{formatDateTime(latest.checkedAt)}</Typography.Text>
                {latest.error ? <Typography.Text type="secondary">{latest.error}</Typography.Text> : null}
              </Space>
            ) : (
              <PublicationResultTag status={data?.portal ? 'unchecked' : 'no-url'} />
            )}
          </Descriptions.Item>
          {latest ? (
            <>
              <Descriptions.Item label={t('publication.found')}>
                <Values values={latest.found} color="green" />
              </Descriptions.Item>
              <Descriptions.Item label={t('publication.missing')}>
                <Values values={latest.missing} color="orange" />
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      )}
      {data?.portal || data?.latest ? <History organisationId={organisationId} /> : null}
    </div>
  );
}
