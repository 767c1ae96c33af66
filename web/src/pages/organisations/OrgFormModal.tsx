import { DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveOrganisation } from '../../api/hooks';
import { ORG_KINDS, type Organisation, type OrganisationInput } from '../../api/types';
import { kindLabel } from '../../components/labels';
import { ModalFooter } from '../../components/ModalFooter';
import { OrgSelect } from '../../components/OrgSelect';
import { DATE_FORMAT, parseCalendarDate, toCalendarDate } from '../../lib/dates';
import { notifySuccess } from '../../lib/notify';

interface FormValues {
  code: string;
  name: string;
  nameEn: string;
  shortName?: string;
  kind: string;
  parentId?: string | null;
  locality?: string;
  networkMemberCode?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  successorId?: string | null;
  active: boolean;
  requireMfa: boolean;
}

function emptyToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toInput(values: FormValues): OrganisationInput {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    nameEn: values.nameEn.trim(),
    shortName: emptyToNull(values.shortName),
    kind: values.kind,
    parentId: values.parentId ?? null,
    locality: emptyToNull(values.locality),
    networkMemberCode: emptyToNull(values.networkMemberCode),
    validFrom: toCalendarDate(values.validFrom),
    validTo: toCalendarDate(values.validTo),
    successorId: values.successorId ?? null,
    active: values.active,
    requireMfa: values.requireMfa,
  };
}

/** Only the fields that differ from the stored organisation (keeps the audit diff small). */
function changedFields(before: Organisation, after: OrganisationInput): Partial<OrganisationInput> {
  const changes: Partial<OrganisationInput> = {};
  for (const key of Object.keys(after) as (keyof OrganisationInput)[]) {
    if (after[key] !== before[key]) Object.assign(changes, { [key]: after[key] });
  }
  return changes;
}

interface OrgFormModalProps {
  open: boolean;
  organisation: Organisation | null;
  onClose: (saved?: Organisation) => void;
}

export function OrgFormModal({ open, organisation, onClose }: OrgFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveOrganisation();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (organisation) {
      form.setFieldsValue({
        code: organisation.code,
        name: organisation.name,
        nameEn: organisation.nameEn,
        shortName: organisation.shortName ?? '',
        kind: organisation.kind,
        parentId: organisation.parentId,
        locality: organisation.locality ?? '',
        networkMemberCode: organisation.networkMemberCode ?? '',
        validFrom: parseCalendarDate(organisation.validFrom),
        validTo: parseCalendarDate(organisation.validTo),
        successorId: organisation.successorId,
        active: organisation.active,
        requireMfa: organisation.requireMfa,
      });
    }
  }, [open, organisation, form]);

  const onFinish = async (values: FormValues) => {
    const input = toInput(values);
    const payload = organisation ? changedFields(organisation, input) : input;
    if (organisation && Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    try {
      const saved = await save.mutateAsync({ id: organisation?.id ?? null, input: payload });
      notifySuccess(organisation ? t('common.saved') : t('organisations.created'));
      onClose(saved);
    } catch {
      // shown by the global error handler; keep the form open
    }
  };

  return (
    <Modal
      open={open}
      title={organisation ? t('organisations.editTitle', { code: organisation.code }) : t('organisations.createTitle')}
      onCancel={() => onClose()}
      footer={
        <ModalFooter
          onCancel={() => onClose()}
          onOk={() => form.submit()}
          loading={save.isPending}
          okTestId="org-form-submit"
        />
      }
      destroyOnHidden
      width={720}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ active: true, requireMfa: false, kind: 'member' }}
        className="two-column-form"
      >
        <Form.Item
          name="code"
          label={t('organisations.code')}
          extra={organisation ? undefined : t('organisations.codeHint')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, message: t('organisations.codeInvalid') },
          ]}
        >
          <Input data-testid="org-form-code" disabled={Boolean(organisation)} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('organisations.kind')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            data-testid="org-form-kind"
            options={ORG_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('organisations.nameVi')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          className="span-2"
        >
          <Input data-testid="org-form-name" maxLength={300} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('organisations.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          className="span-2"
        >
          <Input data-testid="org-form-nameEn" maxLength={300} />
        </Form.Item>
        <Form.Item name="shortName" label={t('organisations.shortName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="locality" label={t('organisations.locality')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="parentId" label={t('organisations.parent')}>
          <OrgSelect excludeId={organisation?.id} />
        </Form.Item>
        <Form.Item name="networkMemberCode" label={t('organisations.networkMemberCode')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('organisations.validFrom')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="validTo" label={t('organisations.validTo')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="successorId" label={t('organisations.successor')}>
          <OrgSelect excludeId={organisation?.id} />
        </Form.Item>
        <div />
        <Form.Item name="active" label={t('organisations.activeLabel')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="requireMfa" label={t('organisations.requireMfa')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
