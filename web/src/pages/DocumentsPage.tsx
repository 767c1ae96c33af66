import { DownloadOutlined, FileAddOutlined, FilterOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from '../../../src/shared/vocabulary';
import { documentFileUrl } from '../api/documents-client';
import { useDocuments, useIssuePlatformReport } from '../api/documents-hooks';
import type { DocumentFilters, DocumentFormat, DocumentKind, IssuedDocument } from '../api/documents-types';
import { useMe } from '../api/hooks';
import { useCursorPager } from '../components/CursorPager';
import { OrgSelect } from '../components/OrgSelect';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { canIssueDocuments, readsConstituency } from '../lib/access';
import { formatDateTime } from '../lib/dates';
import { notifyError, notifySuccess } from '../lib/notify';

interface FilterForm {
  organisationId?: string | null;
  kind?: DocumentKind | null;
  year?: number | null;
}

const isKind = (value: string | null): value is DocumentKind =>
  value !== null && (DOCUMENT_KINDS as readonly string[]).includes(value);

/** Filters live in the URL (`org`, `kind`, `year`), so a filtered register can be linked. */
function readFilters(params: URLSearchParams): DocumentFilters {
  const filters: DocumentFilters = {};
  const org = params.get('org');
  if (org) filters.organisationId = org;
  const kind = params.get('kind');
  if (isKind(kind)) filters.kind = kind;
  const year = Number(params.get('year'));
  if (Number.isInteger(year) && year >= 2000 && year <= 2200) filters.year = year;
  return filters;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function IssueButton() {
  const { t } = useTranslation();
  const issue = useIssuePlatformReport();
  const [format, setFormat] = useState<DocumentFormat>('docx');
  return (
    <Space.Compact>
      <Select<DocumentFormat>
        value={format}
        onChange={setFormat}
        options={DOCUMENT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
        style={{ width: 92 }}
        aria-label={t('documents.format')}
        data-testid="documents-issue-format"
      />
      <Popconfirm
        title={t('documents.issueConfirmTitle')}
        description={t('documents.issueConfirm')}
        okText={t('documents.issueOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'documents-issue-confirm' }}
        onConfirm={() =>
          issue.mutateAsync(format).then(
            (doc) => notifySuccess(t('documents.issued', { number: doc.number })),
            (error: unknown) => notifyError(error),
          )
        }
      >
        <Button type="primary" icon={<FileAddOutlined />} loading={issue.isPending} data-testid="documents-issue">
          {t('documents.issueSample')}
        </Button>
      </Popconfirm>
    </Space.Compact>
  );
}

export default function DocumentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useDocuments(filters, { cursor: pager.cursor, limit: pager.limit });
  const [form] = Form.useForm<FilterForm>();
  const wide = readsConstituency(me.data);

  useEffect(() => {
    form.setFieldsValue({
      organisationId: filters.organisationId ?? null,
      kind: filters.kind ?? null,
      year: filters.year ?? null,
    });
  }, [filters, form]);

  const apply = (values: FilterForm) => {
    const next = new URLSearchParams();
    if (values.organisationId) next.set('org', values.organisationId);
    if (values.kind) next.set('kind', values.kind);
    if (values.year) next.set('year', String(values.year));
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<IssuedDocument> = [
    {
      title: t('documents.number'),
      dataIndex: 'number',
      width: 150,
      render: (number: string, doc) => (
        <div>
          <Typography.Text strong data-testid={`document-number-${doc.id}`}>
            {number}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{formatDateTime(doc.issuedAt)}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('documents.docTitle'),
      dataIndex: 'title',
      render: (title: string, doc) => (
        <div style={{ maxWidth: 330 }}>
          <div>{title}</div>
          <Space size={4} wrap>
            <Tag>{t(`documentKinds.${doc.kind}`)}</Tag>
            <Tag color="blue">{doc.format.toUpperCase()}</Tag>
            <Typography.Text type="secondary">{formatSize(doc.size)}</Typography.Text>
          </Space>
        </div>
      ),
    },
    {
      title: t('documents.organisation'),
      key: 'organisation',
      width: 240,
      render: (_, doc) => (
        <div style={{ maxWidth: 260 }}>
          <div>
            <Tag className="code-tag">{doc.organisation.code}</Tag>
            {doc.organisation.name}
          </div>
          <Typography.Text type="secondary">
            {t('documents.issuedBy')}: {doc.issuedBy?.displayName ?? t('documents.system')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: 'SHA-256',
      dataIndex: 'sha256',
      width: 170,
      render: (sha256: string, doc) => (
        <Typography.Text
          className="mono"
          copyable={{ text: sha256, tooltips: [t('common.copy'), t('common.copied')] }}
          data-testid={`document-sha256-${doc.id}`}
          title={sha256}
        >
          {`${sha256.slice(0, 12)}…`}
        </Typography.Text>
      ),
    },
    {
      title: t('common.download'),
      key: 'download',
      width: 90,
      align: 'center',
      render: (_, doc) => (
        <Button
          icon={<DownloadOutlined />}
          href={documentFileUrl(doc.id)}
          download
          aria-label={`${t('common.download')} ${doc.number}`}
          title={t('common.download')}
          data-testid={`document-download-${doc.id}`}
        />
      ),
    },
  ];

  return (
    <div>
      <PageTitle
        title={t('documents.title')}
        description={t('documents.description')}
        extra={canIssueDocuments(me.data) ? <IssueButton /> : null}
      />
      <Card>
        <Form<FilterForm> form={form} layout="inline" onFinish={apply} className="filters">
          {wide ? (
            <Form.Item name="organisationId">
              <OrgSelect
                placeholder={t('documents.organisation')}
                style={{ width: 260 }}
                data-testid="documents-filter-org"
              />
            </Form.Item>
          ) : null}
          <Form.Item name="kind">
            <Select<DocumentKind>
              allowClear
              placeholder={t('documents.kind')}
              style={{ width: 180 }}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: `${k} — ${t(`documentKinds.${k}`)}` }))}
              data-testid="documents-filter-kind"
            />
          </Form.Item>
          <Form.Item name="year">
            <InputNumber
              min={2000}
              max={2200}
              placeholder={t('documents.year')}
              style={{ width: 110 }}
              data-testid="documents-filter-year"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<FilterOutlined />} data-testid="documents-filter-apply">
                {t('common.filter')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                {t('common.clearFilters')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <ServerTable<IssuedDocument>
          testId="documents-table"
          list={list}
          pager={pager}
          emptyText={t('documents.empty')}
          columns={columns}
        />
      </Card>
    </div>
  );
}
