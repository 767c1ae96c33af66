import {
  DeleteOutlined,
  EditOutlined,
  MailOutlined,
  MergeCellsOutlined,
  PhoneOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  Popconfirm,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteContact, useMe, useOrganisation } from '../../api/hooks';
import type { Contact, Organisation } from '../../api/types';
import { ActiveTag, KindTag } from '../../components/labels';
import { OrgRef } from '../../components/OrgRef';
import { canEditContacts, canManageOrganisations } from '../../lib/access';
import { formatDate, formatDateTime } from '../../lib/dates';
import { canManageNetworks, canReadNetworks } from '../../lib/network-access';
import { errorText, notifySuccess } from '../../lib/notify';
import { canOpenOrgUsersPage, canReadOrgSystems, canReadOrgUsers } from '../../lib/org-sections-access';
import { canConfirmContacts, canManagePublication, canReadPublication } from '../../lib/publication-access';
import { useLocale } from '../../lib/useLocale';
import { ContactConfirmed } from './ContactConfirmed';
import { ContactFormModal } from './ContactFormModal';
import { MergeOrgModal } from './MergeOrgModal';
import { NetworksSection } from './NetworksSection';
import { NotifyAddressesSection } from './NotifyAddressesSection';
import { OrgSystemsSection } from './OrgSystemsSection';
import { OrgUsersSection } from './OrgUsersSection';
import { PublicationSection } from './PublicationSection';

interface OrgDrawerProps {
  organisationId: string | null;
  manage: boolean;
  onClose: () => void;
  onEdit: (organisation: Organisation) => void;
}

function ContactCard({
  contact,
  editable,
  canConfirm,
  onEdit,
  organisationId,
}: {
  contact: Contact;
  editable: boolean;
  canConfirm: boolean;
  onEdit: () => void;
  organisationId: string;
}) {
  const { t } = useTranslation();
  const remove = useDeleteContact(organisationId);
  return (
    <Card
      size="small"
      className="contact-card"
      data-testid="contact-card"
      title={contact.personName}
      extra={
        editable ? (
          <Space size={4}>
            <Button size="small" type="text" icon={<EditOutlined />} onClick={onEdit} aria-label={t('common.edit')} />
            <Popconfirm
              title={t('contacts.deleteConfirm')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync(contact.id);
                  notifySuccess(t('common.deleted'));
                } catch {
                  // shown globally
                }
              }}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Descriptions column={1} size="small">
        {contact.personRole ? (
          <Descriptions.Item label={t('contacts.personRole')}>{contact.personRole}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('contacts.phone247')}>
          {contact.phone247 ? (
            <a href={`tel:${contact.phone247.replace(/\s+/g, '')}`}>
              <PhoneOutlined /> {contact.phone247}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('contacts.email')}>
          {contact.email ? (
            <a href={`mailto:${contact.email}`}>
              <MailOutlined /> {contact.email}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {contact.otherChannels ? (
          <Descriptions.Item label={t('contacts.otherChannels')}>
            <span className="pre-line">{contact.otherChannels}</span>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('contacts.updatedAt')}>{formatDateTime(contact.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('publication.lastConfirmed')}>
          <ContactConfirmed contact={contact} canConfirm={canConfirm} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function OrgDrawer({ organisationId, manage, onClose, onEdit }: OrgDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const screens = Grid.useBreakpoint();
  const { data: me } = useMe();
  const org = useOrganisation(organisationId);
  const [contactModal, setContactModal] = useState<{ open: boolean; contact: Contact | null }>({
    open: false,
    contact: null,
  });
  const [mergeOpen, setMergeOpen] = useState(false);
  const data = org.data;
  const contactsEditable = data ? canEditContacts(me, data.id) : false;

  return (
    <Drawer
      open={Boolean(organisationId)}
      onClose={onClose}
      size={screens.md === false ? '100%' : 640}
      title={
        data
          ? `${data.code} — ${locale === 'en' ? data.nameEn || data.name : data.name}`
          : t('organisations.drawerTitle')
      }
      data-testid="org-drawer"
      extra={
        manage && data && canManageOrganisations(me) ? (
          <Space>
            {data.active ? (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)} data-testid="org-merge">
                {t('organisations.merge')}
              </Button>
            ) : null}
            <Button icon={<EditOutlined />} onClick={() => onEdit(data)} data-testid="org-edit">
              {t('common.edit')}
            </Button>
          </Space>
        ) : null
      }
      destroyOnHidden
    >
      {org.isPending && organisationId ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : org.isError ? (
        <Alert type="error" showIcon title={t('errors.loadFailed')} description={errorText(org.error)} />
      ) : data ? (
        <>
          <Descriptions column={1} size="small" bordered className="org-details">
            <Descriptions.Item label={t('organisations.code')}>
              <Typography.Text code copyable>
                {data.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.nameVi')}>{data.name}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.nameEn')}>{data.nameEn || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.shortName')}>{data.shortName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.kind')}>
              <KindTag kind={data.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.parent')}>
              <OrgRef id={data.parentId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.locality')}>{data.locality ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.networkMemberCode')}>
              {data.networkMemberCode ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.validFrom')}>{formatDate(data.validFrom)}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.validTo')}>{formatDate(data.validTo)}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.successor')}>
              <OrgRef id={data.successorId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.active')}>
              <ActiveTag active={data.active} />
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.requireMfa')}>
              {data.requireMfa ? <Tag color="gold">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.updatedAt')}>{formatDateTime(data.updatedAt)}</Descriptions.Item>
          </Descriptions>

          <div className="section-header">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('organisations.contacts')}
            </Typography.Title>
            {contactsEditable ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setContactModal({ open: true, contact: null })}
                data-testid="contact-add"
              >
                {t('contacts.add')}
              </Button>
            ) : null}
          </div>
          {data.contacts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('organisations.noContacts')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }} size={12}>
              {data.contacts.map((contact) => (
                <ContactCard
                  key={contact.id}
                  contact={contact}
                  organisationId={data.id}
                  editable={contactsEditable}
                  canConfirm={canConfirmContacts(me, data.id)}
                  onEdit={() => setContactModal({ open: true, contact })}
                />
              ))}
            </Space>
          )}
          {canReadPublication(me, data.id) ? (
            <PublicationSection organisationId={data.id} manage={canManagePublication(me, data.id)} />
          ) : null}
          <NotifyAddressesSection organisationId={data.id} editable={contactsEditable} />
          {canReadNetworks(me, data.id) ? (
            <NetworksSection organisationId={data.id} manage={canManageNetworks(me)} />
          ) : null}
          {canReadOrgSystems(me, data.id) ? <OrgSystemsSection organisationId={data.id} /> : null}
          {canReadOrgUsers(me, data.id) ? (
            <OrgUsersSection organisationId={data.id} manageLink={canOpenOrgUsersPage(me, data.id)} />
          ) : null}
          <MergeOrgModal organisation={data} open={mergeOpen} onClose={() => setMergeOpen(false)} />
          <ContactFormModal
            organisationId={data.id}
            contact={contactModal.contact}
            open={contactModal.open}
            onClose={() => setContactModal({ open: false, contact: null })}
          />
        </>
      ) : null}
    </Drawer>
  );
}
