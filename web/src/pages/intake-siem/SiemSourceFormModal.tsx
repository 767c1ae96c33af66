import { Button, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type SiemAuthMode,
  type SiemKind,
  type SiemMapping,
  type SiemSource,
  type SiemSourceInput,
  useSaveSiemSource,
} from '../../api/siem-intake';
import { OrgSelect } from '../../components/OrgSelect';
import { notifySuccess } from '../../lib/notify';
import type { TestTarget } from './SiemTestModal';
import { EXAMPLE_MAPPING } from './sample-alert';

type Values = {
  name: string;
  kind: SiemKind;
  organisationId: string | null;
  authMode: SiemAuthMode;
  minLevel: number;
  groupWindowMinutes: number;
  enabled: boolean;
  mapping: string;
};

function parseMapping(text: string): SiemMapping | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as SiemMapping) : undefined;
  } catch {
    return undefined;
  }
}

/** Add or change a SIEM source; a new one's secret is shown once by the caller. */
export function SiemSourceFormModal({
  source,
  open,
  onClose,
  onSaved,
  onTest,
}: {
  source: SiemSource | null;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: { item: SiemSource; secret: string | null }) => void;
  onTest: (target: TestTarget) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveSiemSource();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      name: source?.name ?? '',
      kind: source?.kind ?? 'wazuh',
      organisationId: source?.organisation?.id ?? null,
      authMode: source?.authMode ?? 'hmac',
      minLevel: source?.minLevel ?? 7,
      groupWindowMinutes: source?.groupWindowMinutes ?? 60,
      enabled: source?.enabled ?? true,
      mapping: JSON.stringify(source?.mapping ?? EXAMPLE_MAPPING, null, 2),
    });
  }, [open, source, form]);

  const mappingRule = {
    validator: async (_: unknown, value: string) => {
      if (form.getFieldValue('kind') !== 'generic' || parseMapping(value ?? '')) return;
      throw new Error(t('siem.mappingNotJson'));
    },
  };

  const submit = async () => {
    const v = await form.validateFields();
    const input: SiemSourceInput = {
      name: v.name,
      organisationId: v.organisationId ?? null,
      authMode: v.authMode,
      minLevel: v.minLevel,
      groupWindowMinutes: v.groupWindowMinutes,
      ...(source ? { enabled: v.enabled } : { kind: v.kind }),
      ...(v.kind === 'generic' ? { mapping: parseMapping(v.mapping) ?? null } : {}),
    };
    try {
      const saved = await save.mutateAsync({ id: source?.id, input });
      notifySuccess(t('siem.saved'));
      onSaved(saved);
    } catch {
      // shown globally
    }
  };

  const test = () => {
    const v = form.getFieldsValue();
    onTest({
      name: v.name || null,
      kind: v.kind,
      mapping: v.kind === 'generic' ? (parseMapping(v.mapping) ?? null) : null,
      minLevel: v.minLevel ?? 0,
    });
  };

  return (
    <Modal
      open={open}
      title={source ? t('siem.editTitle') : t('siem.addTitle')}
      onCancel={onClose}
      width={720}
      footer={[
        <Button key="test" onClick={test} data-testid="siem-form-test">
          {t('siem.test')}
        </Button>,
        <Button key="cancel" onClick={onClose}>
          {t('siem.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={save.isPending}
          onClick={() => void submit()}
          data-testid="siem-form-save"
        >
          {t('siem.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="siem-form">
        <Form.Item name="name" label={t('siem.name')} rules={[{ required: true, message: t('siem.nameRequired') }]}>
          <Input maxLength={200} data-testid="siem-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('siem.kind')}>
          <Select
            disabled={Boolean(source)}
            data-testid="siem-kind"
            options={[
              { value: 'wazuh', label: t('siem.kinds.wazuh') },
              { value: 'generic', label: t('siem.kinds.generic') },
            ]}
          />
        </Form.Item>
        <Form.Item name="organisationId" label={t('siem.organisation')} extra={t('siem.organisationHelp')}>
          <OrgSelect data-testid="siem-org" />
        </Form.Item>
        <Form.Item name="authMode" label={t('siem.authMode')}>
          <Select
            options={[
              { value: 'hmac', label: t('siem.authModes.hmac') },
              { value: 'token', label: t('siem.authModes.token') },
            ]}
          />
        </Form.Item>
        <Form.Item name="minLevel" label={t('siem.minLevel')} extra={t('siem.minLevelHelp')}>
          <InputNumber min={-1000} max={1000} data-testid="siem-min-level" />
        </Form.Item>
        <Form.Item name="groupWindowMinutes" label={t('siem.window')} extra={t('siem.windowHelp')}>
          <InputNumber min={0} max={10080} data-testid="siem-window" />
        </Form.Item>
        {source ? (
          <Form.Item name="enabled" label={t('siem.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
        {kind === 'generic' ? (
          <Form.Item name="mapping" label={t('siem.mapping')} extra={t('siem.mappingHelp')} rules={[mappingRule]}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
