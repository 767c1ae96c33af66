import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CommitResult,
  type DryRun,
  type ImportError,
  REGISTRY_ENTITIES,
  type RegistryEntity,
  registryApi,
  registryExportUrl,
  registryTemplateUrl,
} from '../../api/registry-client';
import { PageTitle } from '../../components/PageTitle';
import { errorText } from '../../lib/notify';

const MAX_MB = 20;

function Counts({ summary, committed }: { summary: DryRun['summary']; committed: boolean }) {
  const { t } = useTranslation();
  type CountKey = 'rows' | 'toCreate' | 'toUpdate' | 'created' | 'updated' | 'unchanged' | 'errors';
  const items: [CountKey, number][] = [
    ['rows', summary.rows],
    [committed ? 'created' : 'toCreate', summary.created],
    [committed ? 'updated' : 'toUpdate', summary.updated],
    ['unchanged', summary.unchanged],
    ['errors', summary.errors.length],
  ];
  return (
    <Row gutter={16}>
      {items.map(([key, value]) => (
        <Col key={key} xs={12} sm={8} md={4}>
          <Statistic
            title={t(`registryImport.count.${key}`)}
            value={value}
            valueStyle={key === 'errors' && value > 0 ? { color: '#cf1322' } : undefined}
          />
        </Col>
      ))}
    </Row>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<RegistryEntity>('organisations');
  return (
    <Card title={t('registryImport.exportTitle')} size="small">
      <Typography.Paragraph type="secondary">{t('registryImport.exportHelp')}</Typography.Paragraph>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={registryExportUrl('xlsx')} data-testid="export-xlsx">
          {t('registryImport.exportAll')}
        </Button>
        <Select<RegistryEntity>
          value={entity}
          onChange={setEntity}
          style={{ minWidth: 200 }}
          aria-label={t('registryImport.entity')}
          options={REGISTRY_ENTITIES.map((e) => ({ value: e, label: t(`registryImport.entities.${e}`) }))}
        />
        <Button icon={<DownloadOutlined />} href={registryExportUrl('csv', entity)} data-testid="export-csv">
          {t('registryImport.exportCsv')}
        </Button>
      </Space>
    </Card>
  );
}

/** Bulk import of the registry: template, upload for a dry run, per-row errors, commit of a clean plan; export. */
export default function RegistryImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [plan, setPlan] = useState<DryRun | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);

  const dryRun = useMutation({
    mutationFn: (file: File) => registryApi.dryRun(file),
    onMutate: () => {
      setPlan(null);
      setResult(null);
    },
    onSuccess: setPlan,
  });
  const commit = useMutation({
    mutationFn: (token: string) => registryApi.commit(token),
    onSuccess: (r) => {
      setResult(r);
      // Refused at commit (the registry changed since the preview): show the rows again.
      setPlan(r.committed || !plan ? null : { fileName: plan.fileName, summary: r.summary, token: null });
      if (r.committed) void client.invalidateQueries();
    },
  });

  const errors = plan?.summary.errors ?? [];
  const showSheet = errors.some((e) => e.sheet);
  const columns: TableColumnsType<ImportError> = [
    ...(showSheet ? [{ title: t('registryImport.sheet'), dataIndex: 'sheet', key: 'sheet', width: 140 }] : []),
    { title: t('registryImport.row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('registryImport.message'), dataIndex: 'message', key: 'message' },
  ];
  const clean = plan !== null && plan.token !== null && errors.length === 0;

  return (
    <>
      <PageTitle title={t('registryImport.title')} description={t('registryImport.description')} />
      <Flex vertical gap={16}>
        <Card title={t('registryImport.step1')} size="small">
          <Typography.Paragraph type="secondary">{t('registryImport.templateHelp')}</Typography.Paragraph>
          <Button icon={<DownloadOutlined />} href={registryTemplateUrl} data-testid="download-template">
            {t('registryImport.downloadTemplate')}
          </Button>
        </Card>

        <Card title={t('registryImport.step2')} size="small">
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={dryRun.isPending || commit.isPending}
              beforeUpload={(file) => {
                dryRun.mutate(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('registryImport.drop')}</p>
              <p className="ant-upload-hint">{t('registryImport.dropHint', { max: MAX_MB })}</p>
            </Upload.Dragger>
          </div>
          {dryRun.isPending ? (
            <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('registryImport.checking')} />
          ) : null}
          {dryRun.isError ? (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              message={errorText(dryRun.error)}
              data-testid="import-file-error"
            />
          ) : null}
        </Card>

        {plan ? (
          <Card title={t('registryImport.step3', { file: plan.fileName })} size="small" data-testid="import-preview">
            <Flex vertical gap={12}>
              <Counts summary={plan.summary} committed={false} />
              {errors.length > 0 ? (
                <Alert type="error" showIcon message={t('registryImport.hasErrors', { count: errors.length })} />
              ) : (
                <Alert type="success" showIcon message={t('registryImport.clean')} />
              )}
              {errors.length > 0 ? (
                <Table<ImportError>
                  size="small"
                  rowKey={(e) => `${e.sheet ?? ''}:${e.row}:${e.message}`}
                  columns={columns}
                  dataSource={errors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  data-testid="import-errors"
                />
              ) : null}
              <div>
                <Button
                  type="primary"
                  icon={<UploadOutlined />}
                  disabled={!clean}
                  loading={commit.isPending}
                  onClick={() => plan.token && commit.mutate(plan.token)}
                  data-testid="import-commit"
                >
                  {t('registryImport.commit')}
                </Button>
              </div>
            </Flex>
          </Card>
        ) : null}

        {commit.isError ? <Alert type="error" showIcon message={errorText(commit.error)} /> : null}
        {result ? (
          <Card title={t('registryImport.resultTitle')} size="small" data-testid="import-result">
            <Flex vertical gap={12}>
              <Alert
                type={result.committed ? 'success' : 'error'}
                showIcon
                message={result.committed ? t('registryImport.committed') : t('registryImport.notCommitted')}
              />
              <Counts summary={result.summary} committed={result.committed} />
            </Flex>
          </Card>
        ) : null}

        <ExportCard />
      </Flex>
    </>
  );
}
