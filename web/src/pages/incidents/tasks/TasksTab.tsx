import { PaperClipOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Empty, Flex, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/hooks';
import {
  useApplyPlaybook,
  useCreateTask,
  useIncidentTasks,
  usePlaybooks,
  useUpdateTask,
} from '../../../api/tasks-hooks';
import type { IncidentTask, TaskStatus } from '../../../api/tasks-types';
import { formatDateTime } from '../../../lib/dates';
import { errorText, notifyError, notifySuccess } from '../../../lib/notify';
import { useLocale } from '../../../lib/useLocale';
import { AssigneePicker } from './AssigneePicker';
import { EvidenceUploadModal } from './EvidenceUploadModal';

const PHASES = [
  'detection-analysis',
  'notification',
  'containment',
  'eradication',
  'recovery',
  'post-incident',
] as const;
type Phase = (typeof PHASES)[number];
const isPhase = (p: string | null): p is Phase => PHASES.includes(p as Phase);
const STATUSES: TaskStatus[] = ['open', 'in-progress', 'done', 'cancelled'];
const STATUS_COLOURS: Record<TaskStatus, string> = {
  open: 'default',
  'in-progress': 'processing',
  done: 'success',
  cancelled: 'default',
};

function TaskCard(props: { task: IncidentTask; incidentId: string; canWork: boolean; onEvidence: () => void }) {
  const { task, incidentId, canWork } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const update = useUpdateTask(incidentId);
  const title = locale === 'en' && task.titleEn ? task.titleEn : task.title;
  const description = locale === 'en' && task.descriptionEn ? task.descriptionEn : task.description;
  const patch = (p: Parameters<typeof update.mutate>[0]['patch']) =>
    update.mutate({ taskId: task.id, patch: p }, { onError: notifyError });

  return (
    <Card size="small" data-testid={`task-${task.playbookTaskKey ?? task.id}`} style={{ marginBottom: 8 }}>
      <Flex justify="space-between" gap={12} wrap>
        <Space direction="vertical" size={2} style={{ flex: 1, minWidth: 260 }}>
          <Space wrap>
            <Typography.Text strong delete={task.status === 'cancelled'}>
              {title}
            </Typography.Text>
            <Tag color={STATUS_COLOURS[task.status]}>{t(`tasks.status.${task.status}`)}</Tag>
            {task.requiresEvidence && (
              <Tag color={task.evidenceCount > 0 ? 'green' : 'orange'} icon={<PaperClipOutlined />}>
                {t('tasks.requiresEvidence', { count: task.evidenceCount })}
              </Tag>
            )}
          </Space>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
            {description}
          </Typography.Paragraph>
          {task.checklist.length > 0 && (
            <Space direction="vertical" size={0}>
              {task.checklist.map((item, index) => (
                <Checkbox
                  // biome-ignore lint/suspicious/noArrayIndexKey: checklist items are addressed by index
                  key={index}
                  checked={item.done}
                  disabled={!canWork}
                  onChange={(e) => patch({ checklist: [{ index, done: e.target.checked }] })}
                >
                  {locale === 'en' && item.textEn ? item.textEn : item.text}
                </Checkbox>
              ))}
            </Space>
          )}
        </Space>
        <Space direction="vertical" size={4} style={{ minWidth: 220 }}>
          <Typography.Text type={task.overdue ? 'danger' : undefined} data-overdue={task.overdue || undefined}>
            {t('tasks.due')}: {formatDateTime(task.dueAt)} {task.overdue && `(${t('tasks.overdue')})`}
          </Typography.Text>
          <Typography.Text>
            {t('tasks.assignee')}: {task.assignee ? task.assignee.displayName : t('tasks.unassigned')}
          </Typography.Text>
          {canWork && (
            <Space wrap>
              <Select
                size="small"
                value={task.status}
                style={{ width: 150 }}
                aria-label={t('tasks.statusLabel')}
                options={STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
                onChange={(status) => patch({ status })}
              />
              <AssigneePicker
                incidentId={incidentId}
                task={task}
                onChange={(assigneeUserId) => patch({ assigneeUserId })}
              />
              {me && task.assignee?.id !== me.id && (
                <Button size="small" icon={<UserAddOutlined />} onClick={() => patch({ assigneeUserId: me.id })}>
                  {t('tasks.assignMe')}
                </Button>
              )}
              <Button size="small" icon={<PaperClipOutlined />} onClick={props.onEvidence}>
                {t('tasks.evidence.upload')}
              </Button>
            </Space>
          )}
        </Space>
      </Flex>
    </Card>
  );
}

/** The incident's tasks, grouped by response phase; apply a playbook, add a task, tick, assign, attach evidence. */
export default function TasksTab({ incidentId, canWork }: { incidentId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tasks = useIncidentTasks(incidentId);
  const playbooks = usePlaybooks();
  const apply = useApplyPlaybook(incidentId);
  const create = useCreateTask(incidentId);
  const [playbook, setPlaybook] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [evidenceFor, setEvidenceFor] = useState<IncidentTask | null>(null);

  if (tasks.isLoading) return <Spin />;
  if (tasks.error) return <Alert type="error" message={errorText(tasks.error)} />;
  const items = tasks.data?.items ?? [];
  const groups = [...PHASES, 'other' as const].map((phase) => ({
    phase,
    items: items.filter((x) => (phase === 'other' ? !isPhase(x.phase) : x.phase === phase)),
  }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {canWork && (
        <Flex gap={8} wrap>
          <Select
            style={{ minWidth: 320 }}
            placeholder={t('tasks.choosePlaybook')}
            aria-label={t('tasks.choosePlaybook')}
            value={playbook}
            onChange={setPlaybook}
            options={(playbooks.data?.items ?? [])
              .filter((p) => p.active)
              .map((p) => ({ value: p.code, label: p.title[locale] }))}
          />
          <Button
            type="primary"
            disabled={!playbook}
            loading={apply.isPending}
            onClick={() =>
              playbook &&
              apply.mutate(playbook, {
                onSuccess: (r) => notifySuccess(t('tasks.applied', { count: r.added })),
                onError: notifyError,
              })
            }
          >
            {t('tasks.apply')}
          </Button>
          <Input
            style={{ maxWidth: 320 }}
            placeholder={t('tasks.newTask')}
            value={newTitle}
            maxLength={500}
            onChange={(e) => setNewTitle(e.target.value)}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!newTitle.trim()}
            loading={create.isPending}
            onClick={() =>
              create.mutate({ title: newTitle.trim() }, { onSuccess: () => setNewTitle(''), onError: notifyError })
            }
          >
            {t('tasks.add')}
          </Button>
        </Flex>
      )}
      {items.length === 0 && <Empty description={t('tasks.empty')} />}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div key={g.phase}>
            <Typography.Title level={5}>{t(`tasks.phase.${g.phase}`)}</Typography.Title>
            {g.items.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                incidentId={incidentId}
                canWork={canWork}
                onEvidence={() => setEvidenceFor(task)}
              />
            ))}
          </div>
        ))}
      <EvidenceUploadModal
        incidentId={incidentId}
        taskId={evidenceFor?.id}
        taskTitle={
          evidenceFor ? (locale === 'en' && evidenceFor.titleEn ? evidenceFor.titleEn : evidenceFor.title) : undefined
        }
        open={evidenceFor !== null}
        onClose={() => setEvidenceFor(null)}
      />
    </Space>
  );
}
