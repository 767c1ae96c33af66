import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignableUsers } from '../../../api/tasks-hooks';
import type { IncidentTask } from '../../../api/tasks-types';
import { useDebounced } from '../../../lib/useDebounced';

/**
 * Give the task to anyone who may see the incident (the server offers only those, TLP included),
 * or clear it. The current assignee stays in the options so the Select can show the name.
 */
export function AssigneePicker(props: {
  incidentId: string;
  task: IncidentTask;
  onChange: (assigneeUserId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const users = useAssignableUsers(props.incidentId, q, open);
  const current = props.task.assignee;
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: `${current.displayName} (${current.username})` });

  return (
    <Select
      size="small"
      showSearch
      allowClear
      style={{ width: 220 }}
      aria-label={t('tasks.assignTo')}
      placeholder={t('tasks.assignTo')}
      value={current?.id ?? null}
      filterOption={false}
      onSearch={setSearch}
      onOpenChange={setOpen}
      loading={users.isFetching}
      notFoundContent={users.isFetching ? null : t('tasks.noAssignable')}
      options={options}
      onChange={(value: string | undefined) => props.onChange(value ?? null)}
      data-testid={`assignee-${props.task.playbookTaskKey ?? props.task.id}`}
    />
  );
}
