import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BugOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FilterOutlined,
  FormOutlined,
  GlobalOutlined,
  ImportOutlined,
  InboxOutlined,
  LineChartOutlined,
  MailOutlined,
  MenuOutlined,
  NotificationOutlined,
  PartitionOutlined,
  ProfileOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Menu, type MenuProps, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/types';
import {
  canAdminister,
  canImportRegistry,
  canManageMailboxes,
  canManageUsers,
  canManageWebhooks,
  canViewAudit,
  canViewDocuments,
  canViewNotifyRecords,
  canViewSystems,
} from '../lib/access';
import { canEditPlaybooks, canFileReport, isIrTeam } from '../lib/incident-access';
import { canLookupOwnership } from '../lib/network-access';
import { canListPublication } from '../lib/publication-access';
import { GlobalSearch } from './GlobalSearch';
import { Logo } from './Logo';
import { NotificationBell } from './NotificationBell';
import { OrgBadge } from './OrgBadge';
import { OwnershipLookupButton } from './OwnershipLookupButton';
import { UserMenu } from './UserMenu';

type MenuItem = NonNullable<MenuProps['items']>[number];

interface NavEntry {
  key: string;
  path: string;
  icon: React.ReactNode;
  label: string;
}

function useNavEntries(me: Me) {
  const { t } = useTranslation();
  const main: NavEntry[] = [
    { key: 'dashboard', path: '/', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    { key: 'incidents', path: '/incidents', icon: <AlertOutlined />, label: t('nav.incidents') },
    ...(canFileReport(me)
      ? [{ key: 'incident-report', path: '/incidents/report', icon: <FormOutlined />, label: t('nav.reportIncident') }]
      : []),
    { key: 'incident-reports', path: '/incidents/reports', icon: <InboxOutlined />, label: t('nav.incidentReports') },
    ...(isIrTeam(me)
      ? [{ key: 'incident-triage', path: '/incidents/triage', icon: <FilterOutlined />, label: t('nav.triage') }]
      : []),
    ...(isIrTeam(me)
      ? [
          {
            key: 'intake-stats',
            path: '/incidents/intake-stats',
            icon: <BarChartOutlined />,
            label: t('publicIntake.stats.nav'),
          },
        ]
      : []),
    {
      key: 'incident-dashboard',
      path: '/incidents/dashboard',
      icon: <LineChartOutlined />,
      label: t('nav.incidentDashboard'),
    },
    { key: 'coordination', path: '/coordination', icon: <PartitionOutlined />, label: t('nav.coordination') },
    { key: 'vulnerabilities', path: '/vulnerabilities', icon: <BugOutlined />, label: t('nav.vulnerabilities') },
    { key: 'advisories', path: '/advisories', icon: <NotificationOutlined />, label: t('nav.advisories') },
    { key: 'intel', path: '/intel', icon: <RadarChartOutlined />, label: t('nav.intel') },
    { key: 'readiness', path: '/readiness', icon: <SafetyCertificateOutlined />, label: t('nav.readiness') },
    { key: 'registry', path: '/registry', icon: <BankOutlined />, label: t('nav.registry') },
    ...(canListPublication(me)
      ? [
          {
            key: 'registry-publication',
            path: '/registry/publication',
            icon: <ContactsOutlined />,
            label: t('publication.nav'),
          },
        ]
      : []),
    { key: 'reports', path: '/reports', icon: <BarChartOutlined />, label: t('nav.reports') },
  ];
  if (canViewSystems(me)) {
    const at = main.findIndex((e) => e.key === 'registry') + 1;
    main.splice(at, 0, {
      key: 'systems',
      path: '/registry/systems',
      icon: <ClusterOutlined />,
      label: t('nav.systems'),
    });
  }
  if (canLookupOwnership(me)) {
    const at = main.findIndex((e) => e.key === 'systems' || e.key === 'registry') + 1;
    main.splice(at, 0, {
      key: 'registry-ownership',
      path: '/registry/ownership',
      icon: <GlobalOutlined />,
      label: t('networks.nav'),
    });
  }
  if (canImportRegistry(me)) {
    const systems = main.findIndex((e) => e.key === 'systems');
    const at = (systems >= 0 ? systems : main.findIndex((e) => e.key === 'registry')) + 1;
    main.splice(at, 0, {
      key: 'registry-import',
      path: '/registry/import',
      icon: <ImportOutlined />,
      label: t('nav.registryImport'),
    });
  }
  const admin: NavEntry[] = [];
  if (canManageUsers(me)) {
    admin.push({ key: 'admin-users', path: '/admin/users', icon: <TeamOutlined />, label: t('nav.adminUsers') });
  }
  if (canAdminister(me)) {
    admin.push({
      key: 'admin-organisations',
      path: '/admin/organisations',
      icon: <ApartmentOutlined />,
      label: t('nav.adminOrganisations'),
    });
  }
  if (canViewAudit(me)) {
    admin.push({ key: 'admin-audit', path: '/admin/audit', icon: <AuditOutlined />, label: t('nav.adminAudit') });
  }
  if (canViewDocuments(me)) {
    admin.push({
      key: 'admin-documents',
      path: '/admin/documents',
      icon: <FileTextOutlined />,
      label: t('nav.adminDocuments'),
    });
  }
  if (canEditPlaybooks(me)) {
    admin.push({
      key: 'admin-playbooks',
      path: '/admin/playbooks',
      icon: <ProfileOutlined />,
      label: t('nav.playbooks'),
    });
  }
  if (canViewNotifyRecords(me)) {
    admin.push({ key: 'admin-outbox', path: '/admin/outbox', icon: <InboxOutlined />, label: t('notify.nav.outbox') });
  }
  if (canManageMailboxes(me)) {
    admin.push({
      key: 'admin-mailboxes',
      path: '/admin/mailboxes',
      icon: <MailOutlined />,
      label: t('emailIntake.nav'),
    });
  }
  if (isIrTeam(me)) {
    admin.push({
      key: 'admin-siem-sources',
      path: '/admin/siem-sources',
      icon: <ApiOutlined />,
      label: t('siem.nav'),
    });
  }
  if (canManageWebhooks(me)) {
    admin.push({
      key: 'admin-webhooks',
      path: '/admin/webhooks',
      icon: <ApiOutlined />,
      label: t('notify.nav.webhooks'),
    });
  }
  return { main, admin };
}

function toItem(entry: NavEntry, onNavigate?: () => void): MenuItem {
  return {
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={`nav-${entry.key}`} onClick={onNavigate}>
        {entry.label}
      </Link>
    ),
    title: entry.label,
  };
}

function selectedKey(pathname: string, entries: NavEntry[]): string | undefined {
  let best: NavEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best?.key;
}

function SideMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { main, admin } = useNavEntries(me);
  const items: MenuItem[] = main.map((entry) => toItem(entry, onNavigate));
  if (admin.length > 0) {
    items.push({ type: 'divider' });
    items.push({
      key: 'admin',
      type: 'group',
      label: t('nav.admin'),
      children: admin.map((entry) => toItem(entry, onNavigate)),
    });
  }
  const key = selectedKey(location.pathname, [...main, ...admin]);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={key ? [key] : []}
      aria-label={t('nav.mainMenu')}
      className="side-menu"
    />
  );
}

/** Each new page starts at the top (the layout is kept between routes). */
function useScrollTopOnNavigate() {
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the path changes
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
}

export function AppLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  useScrollTopOnNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout className="app-layout">
      {narrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={272}
          closable={false}
          className="nav-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <div className="sider-logo">
            <Logo />
          </div>
          <SideMenu me={me} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={256}
          className="app-sider"
        >
          <div className="sider-logo">
            <Logo compact={collapsed} />
          </div>
          <SideMenu me={me} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={12} style={{ width: '100%' }}>
            {narrow ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('nav.openMenu')}
                data-testid="nav-open"
              />
            ) : null}
            <div className="header-search">
              <GlobalSearch />
            </div>
            <Flex align="center" gap={8} className="header-right">
              {canLookupOwnership(me) && !me.mfaEnrollmentRequired ? <OwnershipLookupButton /> : null}
              <OrgBadge me={me} compact={narrow || screens.lg === false} />
              {/* Until a required MFA enrolment is done, the server answers only the profile routes. */}
              {me.mfaEnrollmentRequired ? null : <NotificationBell compact={narrow} />}
              <UserMenu me={me} compact={narrow} />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <div className="page-spin">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">
          <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
