import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEVERITIES, TLP_LEVELS } from '../../../../../src/shared/vocabulary';
import { casesApi } from '../../../api/cases-client';
import { useIncidentMutation, useIncidentTypes } from '../../../api/cases-hooks';
import type { Severity, Tlp } from '../../../api/cases-types';
import { OrgSelect } from '../../../components/OrgSelect';
import { useLocale } from '../../../lib/useLocale';

type NewForm = {
  title: string;
  typeCode: string;
  organisationId: string;
  severity: Severity;
  tlp: Tlp;
  description?: string;
};

/** The IR team opens an incident directly (without a report). */
export function NewIncidentModal({ onClose, onError }: { onClose: () => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const types = useIncidentTypes();
  const [form] = Form.useForm<NewForm>();
  const create = useIncidentMutation((body: NewForm) => casesApi.create(body));
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, { onError, onSuccess: (row) => navigate(`/incidents/${row.id}`) });
  };
  return (
    <Modal open title={t('cases.list.new')} onCancel={onClose} onOk={submit} confirmLoading={create.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ severity: 'medium', tlp: 'amber' }}
        data-testid="incident-new-form"
      >
        <Form.Item
          name="title"
          label={t('cases.fields.title')}
          rules={[{ required: true, whitespace: true, max: 300 }]}
        >
          <Input data-testid="incident-new-title" />
        </Form.Item>
        <Form.Item name="organisationId" label={t('cases.fields.organisation')} rules={[{ required: true }]}>
          <OrgSelect data-testid="incident-new-org" />
        </Form.Item>
        <Form.Item name="typeCode" label={t('cases.fields.type')} rules={[{ required: true }]}>
          <Select
            data-testid="incident-new-type"
            showSearch
            optionFilterProp="label"
            options={(types.data?.items ?? [])
              .filter((x) => x.active)
              .map((x) => ({ value: x.code, label: locale === 'en' ? x.nameEn : x.nameVi }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('cases.fields.severity')}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`cases.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="tlp" label="TLP">
          <Select options={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))} />
        </Form.Item>
        <Form.Item name="description" label={t('cases.fields.description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
