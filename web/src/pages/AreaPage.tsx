import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import { AREA_ICONS, type Area } from './areas';

/** Placeholder for a module that is still being built: what it will do, and an empty state. */
export default function AreaPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`area-${area}`}>
      <PageTitle
        title={t(`nav.${area}`)}
        description={
          <>
            <span className="area-icon">{AREA_ICONS[area]}</span> {t(`areas.${area}`)}
          </>
        }
      />
      <Card>
        <Empty
          description={
            <>
              <Typography.Text strong>{t('areas.empty')}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{t('common.comingSoon')}</Typography.Text>
            </>
          }
        />
      </Card>
    </div>
  );
}
