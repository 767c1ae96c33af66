import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useMe, useResetPassword, useUpdateUser } from '../../api/hooks';
import { ROLES, type User } from '../../api/types';
import { roleLabel } from '../../components/labels';
import { ModalFooter } from '../../components/ModalFooter';
import { OrgSelect } from '../../components/OrgSelect';
import { assignableRoles, usersLimitedToOwnOrg } from '../../lib/access';
import { notifySuccess } from '../../lib/notify';

function useRoleOptions() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return assignableRoles(me, ROLES).map((role) => ({ value: role, label: roleLabel(t, role) }));
}

// ---------------------------------------------------------------------------

interface CreateValues {
  username: string;
  displayName: string;
  email?: string;
  organisationId: string | null;
  roles: string[];
  password: string;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();
  const roleOptions = useRoleOptions();
  const ownOrgOnly = usersLimitedToOwnOrg(me);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (ownOrgOnly && me) form.setFieldValue('organisationId', me.organisation.id);
  }, [open, form, ownOrgOnly, me]);

  const onFinish = async (values: CreateValues) => {
    if (!values.organisationId) return;
    try {
      await create.mutateAsync({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        ...(values.email?.trim() ? { email: values.email.trim() } : {}),
        organisationId: values.organisationId,
        roles: values.roles,
        password: values.password,
      });
      notifySuccess(t('users.created'));
      onClose();
    } catch {
      // shown globally
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      onCancel={onClose}
      footer={
        <ModalFooter
          onCancel={onClose}
          onOk={() => form.submit()}
          loading={create.isPending}
          okText={t('common.create')}
          okTestId="user-form-submit"
        />
      }
      destroyOnHidden
      width={560}
    >
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^[a-z0-9._-]+$/, message: t('users.usernameInvalid') },
          ]}
        >
          <Input
            data-testid="user-form-username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
          />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input data-testid="user-form-displayName" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
          <Input data-testid="user-form-email" inputMode="email" maxLength={254} />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('users.organisation')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrgSelect
            data-testid="user-form-organisation"
            disabled={ownOrgOnly}
            allowClear={false}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <Select mode="multiple" data-testid="user-form-roles" options={roleOptions} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={t('users.initialPasswordHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password data-testid="user-form-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------

interface EditValues {
  displayName: string;
  email?: string;
  roles: string[];
  disabled: boolean;
}

export function EditUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser();
  const roleOptions = useRoleOptions();

  // Roles the current user may not hand out are still shown (read-only) if the user has them.
  const options = user
    ? [
        ...roleOptions,
        ...user.roles
          .filter((role) => !roleOptions.some((option) => option.value === role))
          .map((role) => ({ value: role, label: roleLabel(t, role), disabled: true })),
      ]
    : roleOptions;

  const onFinish = async (values: EditValues) => {
    if (!user) return;
    const email = values.email?.trim() ? values.email.trim() : null;
    const input = {
      ...(values.displayName.trim() !== user.displayName ? { displayName: values.displayName.trim() } : {}),
      ...(email !== user.email ? { email } : {}),
      ...(values.roles.join(',') !== user.roles.join(',') ? { roles: values.roles } : {}),
      ...(values.disabled !== user.disabled ? { disabled: values.disabled } : {}),
    };
    if (Object.keys(input).length === 0) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ id: user.id, input });
      notifySuccess(t('common.saved'));
      onClose();
    } catch {
      // shown globally
    }
  };

  return (
    <Modal
      open={Boolean(user)}
      title={user ? t('users.editTitle', { username: user.username }) : ''}
      onCancel={onClose}
      footer={
        <ModalFooter
          onCancel={onClose}
          onOk={() => form.submit()}
          loading={update.isPending}
          okTestId="user-edit-submit"
        />
      }
      destroyOnHidden
      width={560}
    >
      <Form<EditValues>
        key={user?.id ?? 'none'}
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          user
            ? { displayName: user.displayName, email: user.email ?? '', roles: user.roles, disabled: user.disabled }
            : undefined
        }
      >
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input data-testid="user-edit-displayName" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
          <Input data-testid="user-edit-email" inputMode="email" maxLength={254} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <Select mode="multiple" data-testid="user-edit-roles" options={options} />
        </Form.Item>
        <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
          <Switch data-testid="user-edit-disabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const reset = useResetPassword();

  const onFinish = async (values: { password: string }) => {
    if (!user) return;
    try {
      await reset.mutateAsync({ id: user.id, password: values.password });
      notifySuccess(t('users.passwordReset'));
      onClose();
    } catch {
      // shown globally
    }
  };

  return (
    <Modal
      open={Boolean(user)}
      title={user ? t('users.resetPasswordTitle', { username: user.username }) : ''}
      onCancel={onClose}
      footer={
        <ModalFooter
          onCancel={onClose}
          onOk={() => form.submit()}
          loading={reset.isPending}
          okText={t('users.resetPassword')}
          okTestId="user-reset-submit"
        />
      }
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.initialPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password data-testid="user-reset-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: unknown) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password data-testid="user-reset-confirm" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
