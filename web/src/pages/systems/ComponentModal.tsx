import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPONENT_KINDS } from '../../../../src/shared/vocabulary';
import { useSaveComponent } from '../../api/systems-hooks';
import type { ComponentInput, ComponentKind, SystemComponent } from '../../api/systems-types';
import { notifyError, notifySuccess } from '../../lib/notify';

type Field = Exclude<keyof ComponentInput, 'kind'>;

/** Which fields a component of each kind offers (the server validates and normalises them). */
const FIELDS: Record<ComponentKind, Field[]> = {
  host: ['ip', 'fqdn', 'hostname', 'os', 'note'],
  url: ['url', 'note'],
  range: ['cidr', 'note'],
  domain: ['domain', 'note'],
  software: ['cpe', 'purl', 'vendor', 'product', 'version', 'note'],
};

const PLACEHOLDERS: Partial<Record<Field, string>> = {
  ip: '203.0.113.10 / 2001:db8::10',
  fqdn: 'portal.example',
  url: 'https://portal.example/',
  cidr: '198.51.100.0/24',
  domain: 'quangnam.example',
  cpe: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*',
  purl: 'pkg:npm/express@4.19.2',
};

export function ComponentModal({
  systemId,
  component,
  onClose,
}: {
  systemId: string;
  component?: SystemComponent;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ComponentInput>();
  const kind = (Form.useWatch('kind', form) ?? component?.kind ?? 'host') as ComponentKind;
  const save = useSaveComponent();

  const submit = async (values: ComponentInput) => {
    const input: ComponentInput = { kind: values.kind };
    for (const field of Object.keys(FIELDS).flatMap((k) => FIELDS[k as ComponentKind]) as Field[]) {
      const v = values[field];
      // Fields of another kind are cleared so that a kind change leaves nothing behind.
      (input as Record<string, unknown>)[field] =
        FIELDS[kind].includes(field) && typeof v === 'string' && v.trim() ? v.trim() : null;
    }
    try {
      await save.mutateAsync({ systemId, componentId: component?.id, input });
      notifySuccess(t('systems.componentSaved'));
      onClose();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Modal
      open
      title={component ? t('systems.editComponent') : t('systems.addComponent')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'component-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<ComponentInput>
        form={form}
        layout="vertical"
        initialValues={component ?? { kind: 'host' }}
        onFinish={submit}
        data-testid="component-form"
      >
        <Form.Item name="kind" label={t('systems.componentKind')} rules={[{ required: true }]}>
          <Select
            data-testid="component-kind"
            options={COMPONENT_KINDS.map((k) => ({ value: k, label: t(`systems.kinds.${k}`) }))}
          />
        </Form.Item>
        {FIELDS[kind].map((field) => (
          <Form.Item key={field} name={field} label={t(`systems.fields.${field}`)}>
            {field === 'note' ? (
              <Input.TextArea rows={2} maxLength={2000} />
            ) : (
              <Input data-testid={`component-${field}`} placeholder={PLACEHOLDERS[field]} maxLength={2000} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
