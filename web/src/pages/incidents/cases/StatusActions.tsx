import { Button, Dropdown, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLED_WITH } from '../../../../../src/shared/vocabulary';
import { casesApi } from '../../../api/cases-client';
import { useIncidentMutation } from '../../../api/cases-hooks';
import type { IncidentClosure, IncidentDetail, IncidentStatus } from '../../../api/cases-types';

type ClosureForm = Omit<IncidentClosure, 'damageNote' | 'lessons'> & { damageNote?: string; lessons?: string };

/** The allowed next statuses; closing opens the Mẫu 05 closure dialog. */
export function StatusActions({ incident, onError }: { incident: IncidentDetail; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [closing, setClosing] = useState(false);
  const [form] = Form.useForm<ClosureForm>();
  const change = useIncidentMutation((body: Parameters<typeof casesApi.status>[1]) =>
    casesApi.status(incident.id, body),
  );
  if (incident.transitions.length === 0) return null;

  const go = (status: IncidentStatus) => {
    if (status === 'closed') return setClosing(true);
    change.mutate({ status, version: incident.version }, { onError });
  };

  const close = async () => {
    const v = await form.validateFields();
    change.mutate(
      {
        status: 'closed',
        version: incident.version,
        closure: {
          handledWith: v.handledWith,
          estimatedDamageVnd: v.estimatedDamageVnd ?? null,
          damageNote: v.damageNote || null,
          summary: v.summary || null,
          rootCause: v.rootCause || null,
          lessons: v.lessons || null,
        },
      },
      { onError, onSuccess: () => setClosing(false) },
    );
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: incident.transitions.map((s) => ({
            key: s,
            label: <span data-testid={`incident-go-${s}`}>{t(`cases.status.${s}`)}</span>,
          })),
          onClick: ({ key }) => go(key as IncidentStatus),
        }}
      >
        <Button type="primary" loading={change.isPending} data-testid="incident-status-change">
          {t('cases.detail.changeStatus')}
        </Button>
      </Dropdown>
      <Modal
        open={closing}
        title={t('cases.close.title')}
        onCancel={() => setClosing(false)}
        onOk={close}
        okText={t('cases.close.ok')}
        confirmLoading={change.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="incident-close-form">
          <Form.Item name="handledWith" label={t('cases.close.handledWith')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={HANDLED_WITH.map((h) => ({ value: h, label: t(`cases.handledWith.${h}`) }))}
            />
          </Form.Item>
          <Form.Item name="estimatedDamageVnd" label={t('cases.close.damage')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} addonAfter="VNĐ" />
          </Form.Item>
          <Form.Item name="damageNote" label={t('cases.close.damageNote')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="summary" label={t('cases.close.summary')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="rootCause" label={t('cases.close.rootCause')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="lessons" label={t('cases.close.lessons')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
