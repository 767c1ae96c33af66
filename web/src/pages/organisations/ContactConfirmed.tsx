import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConfirmContact } from '../../api/publication-hooks';
import type { Contact } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { notifySuccess } from '../../lib/notify';

/** "Last confirmed" of a contact point (the value of a Descriptions item), with the one-click "my contact is current". */
export function ContactConfirmed({ contact, canConfirm }: { contact: Contact; canConfirm: boolean }) {
  const { t } = useTranslation();
  const confirm = useConfirmContact(contact.organisationId);
  const run = async () => {
    try {
      await confirm.mutateAsync(contact.id);
      notifySuccess(t('publication.confirmed'));
    } catch {
      // shown globally
    }
  };
  return (
    <Space size={8} wrap>
      <Typography.Text data-testid="contact-confirmed-at">
        {contact.confirmedAt ? formatDateTime(contact.confirmedAt) : t('publication.neverConfirmed')}
      </Typography.Text>
      {canConfirm ? (
        <Button
          size="small"
          icon={<CheckCircleOutlined />}
          loading={confirm.isPending}
          onClick={() => void run()}
          data-testid="contact-confirm"
        >
          {t('publication.confirm')}
        </Button>
      ) : null}
    </Space>
  );
}
