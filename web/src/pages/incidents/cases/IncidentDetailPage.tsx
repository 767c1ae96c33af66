import { App, Card, Col, Descriptions, Result, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useIncident } from '../../../api/cases-hooks';
import { isApiError } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/dates';
import { useLocale } from '../../../lib/useLocale';
import { PapTag, SeverityTag, StatusTag, TlpTag } from './caseLabels';
import { IncidentFieldsForm } from './IncidentFieldsForm';
import { PartiesCard } from './PartiesCard';
import { SeriousChecklist } from './SeriousChecklist';
import { StatusActions } from './StatusActions';

// Tabs built by the other incident slices; each takes { incidentId, canWork }.
const TasksTab = lazy(() => import('../tasks/TasksTab'));
const EvidenceTab = lazy(() => import('../tasks/EvidenceTab'));
const ObservablesTab = lazy(() => import('../casework/ObservablesTab'));
const TimelineTab = lazy(() => import('../casework/TimelineTab'));
const CommentsTab = lazy(() => import('../casework/CommentsTab'));
const LinksTab = lazy(() => import('../casework/LinksTab'));

export default function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const query = useIncident(id);
  const onError = (e: unknown) => message.error(isApiError(e) ? e.message : String(e));

  if (query.isLoading) return <Spin />;
  if (query.error || !query.data)
    return (
      <Result
        status="404"
        title={t('cases.detail.notFound')}
        subTitle={isApiError(query.error) ? query.error.message : undefined}
        data-testid="incident-not-found"
      />
    );
  const inc = query.data;
  const tabProps = { incidentId: inc.id, canWork: inc.canWork };
  const lazyTab = (node: React.ReactNode) => <Suspense fallback={<Spin />}>{node}</Suspense>;

  return (
    <>
      <PageTitle title={`${inc.number} — ${inc.title}`} extra={<StatusActions incident={inc} onError={onError} />} />
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={inc.status} />
        <SeverityTag severity={inc.severity} />
        <TlpTag tlp={inc.tlp} />
        <PapTag pap={inc.pap} />
        {inc.serious === 'serious' ? <Tag color="red">{t('cases.serious.serious')}</Tag> : null}
        <Typography.Text type="secondary">
          {inc.type
            ? `${locale === 'en' ? inc.type.nameEn : inc.type.nameVi} · RSIT ${inc.type.rsitClass}/${inc.type.rsitType}`
            : null}
        </Typography.Text>
      </Space>
      <Tabs
        defaultActiveKey="overview"
        items={[
          {
            key: 'overview',
            label: t('cases.tabs.overview'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Card size="small">
                      <Descriptions column={1} size="small">
                        <Descriptions.Item label={t('cases.fields.organisation')}>
                          {inc.organisation?.name}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.fields.reportedAt')}>
                          {formatDateTime(inc.reportedAt)}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.fields.triagedAt')}>
                          {formatDateTime(inc.triagedAt)}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.fields.resolvedAt')}>
                          {formatDateTime(inc.resolvedAt)}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.fields.closedAt')}>
                          {formatDateTime(inc.closedAt)}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.detail.tasks')}>
                          {t('cases.detail.taskCounts', inc.tasks)}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.detail.observables')}>
                          {inc.observableCount}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('cases.detail.reports')}>
                          {inc.reports.map((r) => r.trackingNo).join(', ') || '—'}
                        </Descriptions.Item>
                      </Descriptions>
                    </Card>
                    <IncidentFieldsForm incident={inc} onError={onError} />
                  </Space>
                </Col>
                <Col xs={24} lg={12}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <PartiesCard incident={inc} onError={onError} />
                    <SeriousChecklist incident={inc} onError={onError} />
                  </Space>
                </Col>
              </Row>
            ),
          },
          { key: 'tasks', label: t('cases.tabs.tasks'), children: lazyTab(<TasksTab {...tabProps} />) },
          { key: 'evidence', label: t('cases.tabs.evidence'), children: lazyTab(<EvidenceTab {...tabProps} />) },
          {
            key: 'observables',
            label: t('cases.tabs.observables'),
            children: lazyTab(<ObservablesTab {...tabProps} />),
          },
          { key: 'timeline', label: t('cases.tabs.timeline'), children: lazyTab(<TimelineTab {...tabProps} />) },
          { key: 'comments', label: t('cases.tabs.comments'), children: lazyTab(<CommentsTab {...tabProps} />) },
          { key: 'links', label: t('cases.tabs.links'), children: lazyTab(<LinksTab {...tabProps} />) },
        ]}
      />
    </>
  );
}
