import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

interface ModalFooterProps {
  onCancel: () => void;
  onOk: () => void;
  loading?: boolean;
  okText?: string;
  okDanger?: boolean;
  okTestId?: string;
  cancelText?: string;
}

/** Modal footer whose buttons carry data-testid attributes for browser tests. */
export function ModalFooter({ onCancel, onOk, loading, okText, okDanger, okTestId, cancelText }: ModalFooterProps) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button onClick={onCancel}>{cancelText ?? t('common.cancel')}</Button>
      <Button type="primary" danger={okDanger} loading={loading} onClick={onOk} data-testid={okTestId}>
        {okText ?? t('common.save')}
      </Button>
    </Space>
  );
}
