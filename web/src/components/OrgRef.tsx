import { Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useOrganisation } from '../api/hooks';
import { useLocale } from '../lib/useLocale';
import { orgName } from './labels';

/** Shows an organisation referred to by id as its code, linking to the registry. */
export function OrgRef({ id }: { id: string | null | undefined }) {
  const locale = useLocale();
  const org = useOrganisation(id, { silent: true });
  if (!id) return <>—</>;
  if (!org.data) return <Typography.Text type="secondary">{org.isError ? id.slice(0, 8) : '…'}</Typography.Text>;
  return (
    <Tooltip title={orgName(org.data, locale)}>
      {/* stopPropagation: the link may sit in a clickable table row */}
      <Link to={`/registry?org=${encodeURIComponent(id)}`} onClick={(event) => event.stopPropagation()}>
        {org.data.code}
      </Link>
    </Tooltip>
  );
}
