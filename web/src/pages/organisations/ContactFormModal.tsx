import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveContact } from '../../api/hooks';
import type { Contact, ContactInput } from '../../api/types';
import { ModalFooter } from '../../components/ModalFooter';
import { notifySuccess } from '../../lib/notify';

interface FormValues {
  personName: string;
  personRole?: string;
  phone247?: string;
  email?: string;
  otherChannels?: string;
}

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

interface ContactFormModalProps {
  organisationId: string;
  contact: Contact | null;
  open: boolean;
  onClose: () => void;
}

export function ContactFormModal({ organisationId, contact, open, onClose }: ContactFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveContact(organisationId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contact) {
      form.setFieldsValue({
        personName: contact.personName,
        personRole: contact.personRole ?? '',
        phone247: contact.phone247 ?? '',
        email: contact.email ?? '',
        otherChannels: contact.otherChannels ?? '',
      });
    }
  }, [open, contact, form]);

  const onFinish = async (values: FormValues) => {
    const input: ContactInput = {
      personName: values.personName.trim(),
      personRole: orNull(values.personRole),
      phone247: orNull(values.phone247),
      email: orNull(values.email),
      otherChannels: orNull(values.otherChannels),
    };
    try {
      await save.mutateAsync({ id: contact?.id ?? null, input });
      notifySuccess(t('common.saved'));
      onClose();
    } catch {
      // shown by the global error handler (403 included)
    }
  };

  return (
    <Modal
      open={open}
      title={contact ? t('contacts.editTitle') : t('contacts.createTitle')}
      onCancel={onClose}
      footer={
        <ModalFooter
          onCancel={onClose}
          onOk={() => form.submit()}
          loading={save.isPending}
          okTestId="contact-form-submit"
        />
      }
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="personName"
          label={t('contacts.personName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input data-testid="contact-form-personName" maxLength={200} />
        </Form.Item>
        <Form.Item name="personRole" label={t('contacts.personRole')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="phone247" label={t('contacts.phone247')}>
          <Input data-testid="contact-form-phone247" inputMode="tel" placeholder="+84 235 …" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('contacts.email')}
          rules={[{ type: 'email', message: t('common.invalidEmail') }]}
        >
          <Input data-testid="contact-form-email" inputMode="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="otherChannels" label={t('contacts.otherChannels')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
