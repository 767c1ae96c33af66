import { Checkbox, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateWebhook, useUpdateWebhook } from '../../api/notify-hooks';
import { NOTIFICATION_CATEGORIES, type NotificationCategory, type Webhook } from '../../api/notify-types';
import { ModalFooter } from '../../components/ModalFooter';
import { OrgSelect } from '../../components/OrgSelect';
import { notifySuccess } from '../../lib/notify';

interface FormValues {
  name: string;
  url: string;
  organisationId: string | null;
  categories: NotificationCategory[];
  maxFailures: number;
  rotateSecret: boolean;
}

const DEFAULT_MAX_FAILURES = 5;

interface WebhookFormModalProps {
  open: boolean;
  /** null: create a new webhook. */
  webhook: Webhook | null;
  onClose: () => void;
  /** Called with the signing secret when the server reveals one (create, rotate). */
  onSecret: (secret: string, webhook: Webhook) => void;
}

/** http(s) only, no credentials in the URL; the server checks the same and has the last word. */
function urlProblem(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return !['http:', 'https:'].includes(url.protocol) || url.username !== '' || url.password !== '';
  } catch {
    return true;
  }
}

export function WebhookFormModal({ open, webhook, onClose, onSecret }: WebhookFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (webhook) {
      form.setFieldsValue({
        name: webhook.name,
        url: webhook.url,
        organisationId: webhook.organisation?.id ?? null,
        categories: webhook.categories,
        maxFailures: webhook.maxFailures,
        rotateSecret: false,
      });
    }
  }, [open, webhook, form]);

  const onFinish = async (values: FormValues) => {
    const input = {
      name: values.name.trim(),
      url: values.url.trim(),
      organisationId: values.organisationId ?? null,
      categories: values.categories,
      maxFailures: values.maxFailures,
    };
    try {
      if (webhook) {
        const saved = await update.mutateAsync({
          id: webhook.id,
          patch: values.rotateSecret ? { ...input, rotateSecret: true } : input,
        });
        notifySuccess(t('common.saved'));
        onClose();
        if (saved.secret) onSecret(saved.secret, saved.item);
        return;
      }
      const created = await create.mutateAsync(input);
      notifySuccess(t('notify.webhooks.created'));
      onClose();
      onSecret(created.secret, created.item);
    } catch {
      // shown globally
    }
  };

  return (
    <Modal
      open={open}
      title={webhook ? t('notify.webhooks.editTitle', { name: webhook.name }) : t('notify.webhooks.createTitle')}
      onCancel={onClose}
      width={640}
      footer={
        <ModalFooter
          onCancel={onClose}
          onOk={() => form.submit()}
          loading={create.isPending || update.isPending}
          okText={webhook ? t('common.save') : t('common.create')}
          okTestId="webhook-form-submit"
        />
      }
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          organisationId: null,
          categories: [...NOTIFICATION_CATEGORIES],
          maxFailures: DEFAULT_MAX_FAILURES,
          rotateSecret: false,
        }}
      >
        <Form.Item
          name="name"
          label={t('notify.webhooks.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} data-testid="webhook-form-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notify.webhooks.url')}
          extra={t('notify.webhooks.urlHint')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || !urlProblem(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('notify.webhooks.urlInvalid'))),
            },
          ]}
        >
          <Input maxLength={2000} placeholder="https://siem.example.vn/hooks/canhgac" data-testid="webhook-form-url" />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('notify.webhooks.organisation')}
          extra={t('notify.webhooks.organisationHint')}
        >
          <OrgSelect placeholder={t('notify.webhooks.platformWide')} data-testid="webhook-form-organisation" />
        </Form.Item>
        <Form.Item
          name="categories"
          label={t('notify.webhooks.categories')}
          rules={[{ required: true, type: 'array', min: 1, message: t('notify.webhooks.categoriesRequired') }]}
        >
          <Checkbox.Group
            className="category-checkboxes"
            data-testid="webhook-form-categories"
            options={NOTIFICATION_CATEGORIES.map((category) => ({
              value: category,
              label: t(`notify.categories.${category}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="maxFailures"
          label={t('notify.webhooks.maxFailures')}
          extra={t('notify.webhooks.maxFailuresHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={1} max={100} precision={0} data-testid="webhook-form-max-failures" />
        </Form.Item>
        {webhook ? (
          <Form.Item
            name="rotateSecret"
            label={t('notify.webhooks.rotateSecret')}
            extra={t('notify.webhooks.rotateSecretHint')}
            valuePropName="checked"
          >
            <Switch data-testid="webhook-form-rotate" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
