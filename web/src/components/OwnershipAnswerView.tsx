import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OwnershipAnswer } from '../api/networks-types';
import { useLocale } from '../lib/useLocale';

const VIA_COLOUR = { range: 'blue', domain: 'green', component: 'purple' } as const;

/** The owners of a value, most specific first: the first is the owner, the rest upstream. */
export function OwnershipAnswerView({ answer }: { answer: OwnershipAnswer }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8} data-testid="ownership-answer">
      <Typography.Text type="secondary">
        {t('networks.lookup.normalised')}: <Typography.Text code>{answer.normalised}</Typography.Text>
        {answer.host && answer.host !== answer.normalised ? (
          <>
            {' · '}
            {t('networks.lookup.host')}: <Typography.Text code>{answer.host}</Typography.Text>
          </>
        ) : null}
      </Typography.Text>
      {answer.tie ? (
        <Alert type="warning" showIcon title={t('networks.lookup.tie')} data-testid="ownership-tie" />
      ) : null}
      {answer.owners.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('networks.lookup.none')} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={answer.owners}
          renderItem={(owner, i) => (
            <List.Item data-testid="ownership-owner">
              <Space wrap>
                <Tag color={i === 0 ? 'gold' : 'default'}>
                  {i === 0 ? t('networks.lookup.owner') : t('networks.lookup.upstream')}
                </Tag>
                <Typography.Text strong data-testid="ownership-owner-code">
                  {owner.organisation.code}
                </Typography.Text>
                <span>
                  {locale === 'en' ? owner.organisation.nameEn || owner.organisation.name : owner.organisation.name}
                </span>
                <Tag color={VIA_COLOUR[owner.via]}>{t(`networks.via.${owner.via}`)}</Tag>
                <Typography.Text code>{owner.match}</Typography.Text>
                {owner.system ? (
                  <Link to={`/registry/systems/${owner.system.id}`}>
                    {owner.system.code} · {owner.system.name}
                  </Link>
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
