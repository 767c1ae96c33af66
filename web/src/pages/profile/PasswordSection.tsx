import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/hooks';
import { notifySuccess } from '../../lib/notify';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();

  return (
    <div style={{ maxWidth: 480 }}>
      <Alert type="info" showIcon title={t('profile.passwordHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          try {
            await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
            form.resetFields();
            notifySuccess(t('profile.passwordChanged'));
          } catch {
            // shown globally
          }
        }}
      >
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: unknown) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('profile.changePassword')}
        </Button>
      </Form>
    </div>
  );
}
