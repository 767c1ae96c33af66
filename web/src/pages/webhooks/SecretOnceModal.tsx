import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface SecretOnceModalProps {
  secret: { value: string; webhookName: string } | null;
  onClose: () => void;
}

/** The signing secret as the server reveals it, once: after closing it cannot be shown again. */
export function SecretOnceModal({ secret, onClose }: SecretOnceModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={t('notify.webhooks.secretTitle', { name: secret?.webhookName ?? '' })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-secret-close">
          {t('common.close')}
        </Button>
      }
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon title={t('notify.webhooks.secretHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret?.value ?? '' }} className="token-value">
        <code data-testid="webhook-secret">{secret?.value}</code>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('notify.webhooks.signatureHelp')}
      </Typography.Paragraph>
    </Modal>
  );
}
