import {
  Alert,
  Button,
  Card,
  Col,
  Input,
  List,
  Row,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCreatePlaybook,
  useIncidentTypes,
  usePlaybook,
  usePlaybooks,
  useSavePlaybook,
  useUpdateIncidentType,
} from '../../../api/tasks-hooks';
import type { IncidentType } from '../../../api/tasks-types';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/dates';
import { errorText, notifyError, notifySuccess } from '../../../lib/notify';
import { useLocale } from '../../../lib/useLocale';

const PLAYBOOK_KEYS = ['id', 'incidentTypes', 'title', 'summary', 'tasks'];
const TASK_KEYS = ['key', 'phase', 'title', 'description', 'checklist', 'requiresEvidence', 'notify', 'due'];
const LOCALISED_KEYS = ['vi', 'en'];

/** The stored body comes back with keys in storage order; show them in the order a person writes them. */
function ordered(value: unknown, keys: string[] = PLAYBOOK_KEYS): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, keys));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const rank = (k: string) => (keys.includes(k) ? keys.indexOf(k) : keys.length);
  entries.sort(([a], [b]) => rank(a) - rank(b));
  const childKeys = (k: string) => (k === 'tasks' ? TASK_KEYS : LOCALISED_KEYS);
  return Object.fromEntries(entries.map(([k, v]) => [k, ordered(v, childKeys(k))]));
}

/** Edit one playbook as JSON; the server validates it and its errors are shown as they come. */
function PlaybookEditor({ code, onCreated }: { code: string | null; onCreated: (code: string) => void }) {
  const { t } = useTranslation();
  const detail = usePlaybook(code);
  const save = useSavePlaybook();
  const create = useCreatePlaybook();
  const [text, setText] = useState('');
  const [active, setActive] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setProblem(null);
    if (detail.data) {
      setText(JSON.stringify(ordered(detail.data.body), null, 2));
      setActive(detail.data.active);
    } else if (!code) setText('');
  }, [detail.data, code]);

  const submit = async (asNew: boolean) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setProblem(t('tasks.playbooks.notJson', { detail: (err as Error).message }));
      return;
    }
    try {
      if (asNew || !code) {
        const created = await create.mutateAsync(parsed);
        onCreated(created.code);
      } else await save.mutateAsync({ code, playbook: parsed, active });
      setProblem(null);
      notifySuccess(t('tasks.playbooks.saved'));
      await detail.refetch();
    } catch (err) {
      setProblem(errorText(err));
    }
  };

  return (
    <Card
      title={code ? `${code} · v${detail.data?.version ?? '…'}` : t('tasks.playbooks.new')}
      extra={
        code && (
          <Space>
            <Typography.Text>{t('tasks.playbooks.active')}</Typography.Text>
            <Switch checked={active} onChange={setActive} />
          </Space>
        )
      }
    >
      {detail.data && (
        <Typography.Paragraph type="secondary">
          {t('tasks.playbooks.updated', { at: formatDateTime(detail.data.updatedAt) })}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        aria-label={t('tasks.playbooks.json')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 18, maxRows: 40 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        spellCheck={false}
      />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} />}
      <Space style={{ marginTop: 12 }}>
        {code && (
          <Button type="primary" loading={save.isPending} onClick={() => void submit(false)}>
            {t('tasks.playbooks.save')}
          </Button>
        )}
        <Button loading={create.isPending} onClick={() => void submit(true)}>
          {t('tasks.playbooks.saveAsNew')}
        </Button>
      </Space>
    </Card>
  );
}

function IncidentTypesTable() {
  const { t } = useTranslation();
  const locale = useLocale();
  const types = useIncidentTypes();
  const update = useUpdateIncidentType();
  const columns: TableColumnsType<IncidentType> = [
    { title: t('tasks.types.code'), dataIndex: 'code' },
    { title: t('tasks.types.name'), key: 'name', render: (_, x) => (locale === 'en' ? x.nameEn : x.nameVi) },
    { title: 'RSIT', key: 'rsit', render: (_, x) => <Tag>{`${x.rsit.class} / ${x.rsit.type}`}</Tag> },
    {
      title: t('tasks.playbooks.active'),
      key: 'active',
      render: (_, x) => (
        <Switch
          checked={x.active}
          size="small"
          onChange={(active) => update.mutate({ code: x.code, patch: { active } }, { onError: notifyError })}
        />
      ),
    },
  ];
  if (types.error) return <Alert type="error" message={errorText(types.error)} />;
  return (
    <Table
      rowKey="code"
      size="small"
      loading={types.isLoading}
      columns={columns}
      dataSource={types.data?.items ?? []}
      pagination={false}
    />
  );
}

/** Administration of response playbooks (JSON editor, validated by the server) and incident types. */
export default function PlaybooksPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = usePlaybooks();
  const [selected, setSelected] = useState<string | null>(null);

  return (
    <>
      <PageTitle title={t('tasks.playbooks.title')} description={t('tasks.playbooks.description')} />
      <Tabs
        items={[
          {
            key: 'playbooks',
            label: t('tasks.playbooks.tab'),
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={8}>
                  <List
                    bordered
                    loading={list.isLoading}
                    dataSource={list.data?.items ?? []}
                    footer={<Button onClick={() => setSelected(null)}>{t('tasks.playbooks.new')}</Button>}
                    renderItem={(p) => (
                      <List.Item
                        onClick={() => setSelected(p.code)}
                        style={{ cursor: 'pointer', background: p.code === selected ? '#e6f4ff' : undefined }}
                      >
                        <List.Item.Meta
                          title={
                            <Space>
                              {p.title[locale]}
                              {!p.active && <Tag>{t('tasks.playbooks.inactive')}</Tag>}
                            </Space>
                          }
                          description={t('tasks.playbooks.meta', {
                            code: p.code,
                            count: p.taskCount,
                            version: p.version,
                          })}
                        />
                      </List.Item>
                    )}
                  />
                </Col>
                <Col xs={24} lg={16}>
                  <PlaybookEditor code={selected} onCreated={setSelected} />
                </Col>
              </Row>
            ),
          },
          { key: 'types', label: t('tasks.types.tab'), children: <IncidentTypesTable /> },
        ]}
      />
    </>
  );
}
