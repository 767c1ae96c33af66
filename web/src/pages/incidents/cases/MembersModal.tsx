import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Modal, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_MEMBER_ROLES, type IncidentMemberRole } from '../../../../../src/shared/vocabulary';
import { casesApi } from '../../../api/cases-client';
import { useIncidentMutation } from '../../../api/cases-hooks';
import type { IncidentDetail } from '../../../api/cases-types';
import { useUsers } from '../../../api/hooks';

type Row = { userId: string; role: IncidentMemberRole };

/** Names users on the incident (one lead); TLP:RED is visible to them only. */
export function MembersModal(props: { incident: IncidentDetail; onClose: () => void; onError: (e: unknown) => void }) {
  const { incident, onClose, onError } = props;
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useUsers({ q: q || undefined }, { limit: 20 });
  const [form] = Form.useForm<{ members: Row[] }>();
  const save = useIncidentMutation((members: Row[]) => casesApi.members(incident.id, members));
  const options = useMemo(() => {
    const known = new Map(incident.members.map((m) => [m.userId, m.displayName]));
    for (const u of users.data?.items ?? []) known.set(u.id, `${u.displayName} (${u.username})`);
    return [...known].map(([value, label]) => ({ value, label }));
  }, [incident.members, users.data]);
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(v.members ?? [], { onError, onSuccess: onClose });
  };
  return (
    <Modal
      open
      title={t('cases.detail.editMembers')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      width={620}
    >
      <Form
        form={form}
        initialValues={{ members: incident.members.map((m) => ({ userId: m.userId, role: m.role })) }}
        data-testid="incident-members-form"
      >
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'userId']} rules={[{ required: true }]}>
                    <Select
                      showSearch
                      filterOption={false}
                      onSearch={setQ}
                      options={options}
                      style={{ width: 320 }}
                      placeholder={t('cases.detail.pickUser')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 160 }}
                      options={INCIDENT_MEMBER_ROLES.map((r) => ({ value: r, label: t(`cases.memberRole.${r}`) }))}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'named' })}>
                {t('cases.detail.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
