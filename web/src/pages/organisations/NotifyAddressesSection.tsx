import { EditOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgAddresses, useSaveOrgAddresses } from '../../api/notify-hooks';
import { errorText, notifySuccess } from '../../lib/notify';

const MAX_ADDRESSES = 10;
// A sanity check for typing mistakes; the server validates for real.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The e-mail addresses that receive what is sent to this organisation (notification records). */
export function NotifyAddressesSection({ organisationId, editable }: { organisationId: string; editable: boolean }) {
  const { t } = useTranslation();
  const addresses = useOrgAddresses(organisationId);
  const save = useSaveOrgAddresses(organisationId);
  const [draft, setDraft] = useState<string[] | null>(null);
  const invalid = (draft ?? []).filter((email) => !EMAIL.test(email));

  const submit = async () => {
    if (!draft || invalid.length > 0) return;
    try {
      await save.mutateAsync(draft);
      notifySuccess(t('common.saved'));
      setDraft(null);
    } catch {
      // shown globally
    }
  };

  const items = addresses.data?.items ?? [];
  return (
    <div data-testid="org-notify-addresses">
      <div className="section-header">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('notify.addresses.title')}
        </Typography.Title>
        {editable && draft === null && addresses.data ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDraft(items.map((item) => item.email))}
            data-testid="org-notify-addresses-edit"
          >
            {t('common.edit')}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t('notify.addresses.intro')}</Typography.Paragraph>
      {addresses.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : addresses.isError ? (
        <Alert type="warning" showIcon title={t('errors.loadFailed')} description={errorText(addresses.error)} />
      ) : draft !== null ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            mode="tags"
            value={draft}
            onChange={(values: string[]) =>
              setDraft([...new Set(values.map((value) => value.trim().toLowerCase()).filter(Boolean))])
            }
            tokenSeparators={[',', ';', ' ']}
            open={false}
            maxCount={MAX_ADDRESSES}
            placeholder={t('notify.addresses.placeholder')}
            style={{ width: '100%' }}
            status={invalid.length > 0 ? 'error' : undefined}
            aria-label={t('notify.addresses.title')}
            data-testid="org-notify-addresses-input"
          />
          {invalid.length > 0 ? (
            <Typography.Text type="danger">
              {t('notify.addresses.invalid', { list: invalid.join(', ') })}
            </Typography.Text>
          ) : null}
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              onClick={() => void submit()}
              loading={save.isPending}
              disabled={invalid.length > 0}
              data-testid="org-notify-addresses-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Space>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.addresses.empty')} />
      ) : (
        <Space size={[4, 8]} wrap>
          {items.map((item) => (
            <Tag key={item.email} icon={<MailOutlined />} className="notify-address">
              {item.email}
            </Tag>
          ))}
        </Space>
      )}
    </div>
  );
}
