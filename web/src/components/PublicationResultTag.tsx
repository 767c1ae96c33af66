import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicationStatus } from '../api/publication-types';

export const PUBLICATION_STATUS_COLORS: Record<PublicationStatus, string> = {
  published: 'green',
  'not-found': 'orange',
  unreachable: 'red',
  blocked: 'magenta',
  unchecked: 'default',
  'no-url': 'default',
};

/** The result of a portal check (or why there is none), as a coloured tag. */
export function PublicationResultTag({ status }: { status: PublicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PUBLICATION_STATUS_COLORS[status]} data-testid="publication-result">
      {t(`publication.status.${status}`)}
    </Tag>
  );
}
