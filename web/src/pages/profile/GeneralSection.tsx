import { Button, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../../api/hooks';
import { isLocale, type Me } from '../../api/types';
import { orgName, RoleTags } from '../../components/labels';
import { OrgBadge } from '../../components/OrgBadge';
import { notifySuccess } from '../../lib/notify';
import { useChangeLanguage } from '../../lib/useChangeLanguage';
import { useLocale } from '../../lib/useLocale';

export function GeneralSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  const update = useUpdateMe();
  const [form] = Form.useForm<{ displayName: string }>();

  return (
    <Space orientation="vertical" size={24} style={{ width: '100%', maxWidth: 720 }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('profile.username')}>
          <Typography.Text code>{me.username}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.email')}>{me.email ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.organisation')}>
          <Space wrap>
            <OrgBadge me={me} compact />
            <span>{orgName(me.organisation, locale)}</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.roles')}>
          <RoleTags roles={me.roles} />
        </Descriptions.Item>
      </Descriptions>

      <Form
        form={form}
        layout="vertical"
        initialValues={{ displayName: me.displayName }}
        onFinish={async (values) => {
          try {
            await update.mutateAsync({ displayName: values.displayName.trim() });
            notifySuccess(t('common.saved'));
          } catch {
            // shown globally
          }
        }}
      >
        <Form.Item
          name="displayName"
          label={t('profile.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} data-testid="profile-displayName" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>

      <div>
        <Typography.Title level={5}>{t('profile.language')}</Typography.Title>
        <Radio.Group
          value={locale}
          optionType="button"
          buttonStyle="solid"
          onChange={(event) => {
            const value: unknown = event.target.value;
            if (isLocale(value)) void changeLanguage(value);
          }}
          options={[
            { value: 'vi', label: <span data-testid="profile-lang-vi">{t('language.vi')}</span> },
            { value: 'en', label: <span data-testid="profile-lang-en">{t('language.en')}</span> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('profile.languageHint')}
        </Typography.Paragraph>
      </div>
    </Space>
  );
}
