import { Button, Card, Flex, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMfaRequiredRoles, useSetMfaRequiredRoles } from '../../api/hooks';
import { ROLES, type Role } from '../../api/types';
import { roleLabel } from '../../components/labels';
import { notifySuccess } from '../../lib/notify';

/** Admin only: the roles that must enrol in two-factor authentication. */
export function MfaPolicyCard() {
  const { t } = useTranslation();
  const current = useMfaRequiredRoles(true);
  const save = useSetMfaRequiredRoles();
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    if (current.data) setRoles(current.data.roles);
  }, [current.data]);

  return (
    <Card title={t('users.mfaPolicyTitle')} style={{ marginTop: 16 }} data-testid="mfa-policy">
      <Typography.Paragraph type="secondary">{t('users.mfaPolicyHelp')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select<Role[]>
          mode="multiple"
          value={roles}
          onChange={setRoles}
          loading={current.isPending}
          placeholder={t('users.mfaPolicyPlaceholder')}
          options={ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
          style={{ minWidth: 320, flex: 1, maxWidth: 640 }}
          data-testid="mfa-policy-roles"
        />
        <Button
          type="primary"
          loading={save.isPending}
          data-testid="mfa-policy-save"
          onClick={async () => {
            try {
              await save.mutateAsync(roles);
              notifySuccess(t('common.saved'));
            } catch {
              // shown by the global error handler
            }
          }}
        >
          {t('common.save')}
        </Button>
      </Flex>
    </Card>
  );
}
