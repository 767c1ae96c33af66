import { Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type Mailbox, type MailboxInput, useSaveMailbox } from '../../api/email-intake';
import { notifySuccess } from '../../lib/notify';

type Values = {
  name: string;
  url: string;
  password?: string;
  folder: string;
  done: 'flag' | 'move';
  processedFolder?: string;
  requireTag: boolean;
  enabled: boolean;
};

/** Add or change a mailbox; the password field left empty keeps the stored one. */
export function MailboxFormModal({
  mailbox,
  open,
  onClose,
}: {
  mailbox: Mailbox | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveMailbox();
  const done = Form.useWatch('done', form);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      name: mailbox?.name ?? '',
      url: mailbox?.url ?? '',
      password: undefined,
      folder: mailbox?.folder ?? 'INBOX',
      done: mailbox?.done ?? 'flag',
      processedFolder: mailbox?.processedFolder ?? undefined,
      requireTag: mailbox?.requireTag ?? false,
      enabled: mailbox?.enabled ?? true,
    });
  }, [open, mailbox, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const input: MailboxInput = {
      name: v.name,
      url: v.url,
      folder: v.folder,
      done: v.done,
      processedFolder: v.done === 'move' ? (v.processedFolder ?? null) : null,
      requireTag: v.requireTag,
      enabled: v.enabled,
      ...(v.password ? { password: v.password } : {}),
    };
    try {
      await save.mutateAsync({ id: mailbox?.id, input });
      notifySuccess(t('emailIntake.saved'));
      onClose();
    } catch {
      // shown globally
    }
  };

  return (
    <Modal
      open={open}
      title={mailbox ? t('emailIntake.editTitle') : t('emailIntake.addTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('emailIntake.save')}
      cancelText={t('emailIntake.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="mailbox-form">
        <Form.Item
          name="name"
          label={t('emailIntake.name')}
          rules={[{ required: true, message: t('emailIntake.nameRequired') }]}
        >
          <Input maxLength={200} data-testid="mailbox-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('emailIntake.url')}
          extra={t('emailIntake.urlHelp')}
          rules={[{ required: true, pattern: /^imaps?:\/\/.+@.+/, message: t('emailIntake.urlInvalid') }]}
        >
          <Input maxLength={2000} placeholder="imaps://baocao@mail.tinh.gov.vn:993" data-testid="mailbox-url" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('emailIntake.password')}
          extra={mailbox?.hasPassword ? t('emailIntake.passwordKept') : undefined}
        >
          <Input.Password maxLength={1000} autoComplete="new-password" data-testid="mailbox-password" />
        </Form.Item>
        <Form.Item name="folder" label={t('emailIntake.folder')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="done" label={t('emailIntake.done')}>
          <Select
            options={[
              { value: 'flag', label: t('emailIntake.doneFlag') },
              { value: 'move', label: t('emailIntake.doneMove') },
            ]}
          />
        </Form.Item>
        {done === 'move' ? (
          <Form.Item
            name="processedFolder"
            label={t('emailIntake.processedFolder')}
            rules={[{ required: true, message: t('emailIntake.processedFolderRequired') }]}
          >
            <Input maxLength={200} placeholder="Processed" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="requireTag"
          label={t('emailIntake.requireTag')}
          extra={t('emailIntake.requireTagHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="enabled" label={t('emailIntake.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
