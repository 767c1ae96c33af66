import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, theme as antdTheme, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { isApiError, onUnauthorized } from './api/client';
import { queryKeys, useMe } from './api/hooks';
import type { Me } from './api/types';
import { AppLayout } from './components/AppLayout';
import { currentLocale, setLocale } from './i18n';
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
} from './lib/access';
import { canEditPlaybooks, canFileReport, isIrTeam } from './lib/incident-access';
import { canLookupOwnership } from './lib/network-access';
import { errorText, notifyInfo, registerMessageApi } from './lib/notify';
import { canListPublication } from './lib/publication-access';
import { createQueryClient } from './lib/queryClient';
import { useLocale } from './lib/useLocale';
import { LoginPage } from './pages/LoginPage';

const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const AreaPage = lazy(() => import('./pages/AreaPage'));
const OrganisationsPage = lazy(() => import('./pages/OrganisationsPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const ProfilePage = lazy(() => import('./pages/ProfilePage'));
const DocumentsPage = lazy(() => import('./pages/DocumentsPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const NotificationPreferencesPage = lazy(() => import('./pages/NotificationPreferencesPage'));
const WebhooksPage = lazy(() => import('./pages/WebhooksPage'));
const MailboxesPage = lazy(() => import('./pages/intake-email/MailboxesPage'));
const SiemSourcesPage = lazy(() => import('./pages/intake-siem/SiemSourcesPage'));
const OutboxPage = lazy(() => import('./pages/OutboxPage'));
const SystemsListPage = lazy(() => import('./pages/systems/SystemsListPage'));
const SystemDetailPage = lazy(() => import('./pages/systems/SystemDetailPage'));
const PublicationPage = lazy(() => import('./pages/PublicationPage'));
const RegistryImportPage = lazy(() => import('./pages/registry/RegistryImportPage'));
const OwnershipLookupPage = lazy(() => import('./pages/networks/OwnershipLookupPage'));
const ReportFormPage = lazy(() => import('./pages/incidents/intake/ReportFormPage'));
const ReportsListPage = lazy(() => import('./pages/incidents/intake/ReportsListPage'));
const TriagePage = lazy(() => import('./pages/incidents/intake/TriagePage'));
const IncidentsListPage = lazy(() => import('./pages/incidents/cases/IncidentsListPage'));
const IncidentDetailPage = lazy(() => import('./pages/incidents/cases/IncidentDetailPage'));
const IncidentsDashboardPage = lazy(() => import('./pages/incidents/cases/IncidentsDashboardPage'));
const PlaybooksPage = lazy(() => import('./pages/incidents/tasks/PlaybooksPage'));
const PublicReportPage = lazy(() => import('./pages/public/PublicReportPage'));
const PublicStatusPage = lazy(() => import('./pages/public/PublicStatusPage'));
const IntakeStatsPage = lazy(() => import('./pages/incidents/intake-stats/IntakeStatsPage'));

const queryClient = createQueryClient();

/** Makes antd's message API (from App context) available to code outside React. */
function NotifierBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    registerMessageApi(message);
    return () => registerMessageApi(null);
  }, [message]);
  return null;
}

/**
 * Animations are left out for users who ask for reduced motion, and under browser
 * automation (navigator.webdriver), where a click during a dropdown's opening animation
 * can be lost and make end-to-end tests flaky.
 */
const reduceMotion =
  navigator.webdriver === true ||
  (typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches);

function Providers({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : viVN}
      theme={{
        algorithm: antdTheme.defaultAlgorithm,
        token: {
          colorPrimary: '#1f4e8c',
          borderRadius: 6,
          motion: !reduceMotion,
          fontFamily:
            "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#0f2744', triggerBg: '#0b1d33', headerBg: '#ffffff', headerPadding: '0 16px' },
          Menu: { darkItemBg: '#0f2744', darkSubMenuItemBg: '#0b1d33', darkItemSelectedBg: '#1f4e8c' },
        },
      }}
    >
      <AntApp>
        <NotifierBridge />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}

/** On 401 (session gone) go back to the login page, remembering where the user was. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { t } = useTranslation();
  useEffect(() => {
    onUnauthorized(() => {
      const { pathname, search } = window.location;
      if (pathname === '/login') return;
      const hadSession = client.getQueryData(queryKeys.me) !== undefined;
      const next = `${pathname}${search}`;
      navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, { replace: true });
      client.removeQueries();
      if (hadSession) notifyInfo(t('errors.sessionExpired'));
    });
    return () => onUnauthorized(null);
  }, [navigate, client, t]);
  return null;
}

function FullPageSpin() {
  return (
    <div className="full-page-spin">
      <Spin size="large" />
    </div>
  );
}

/** Adopts the language stored in the user's profile once per signed-in user. */
function useProfileLocale(me: Me | undefined) {
  const adopted = useRef<string | null>(null);
  useEffect(() => {
    if (!me || adopted.current === me.id) return;
    adopted.current = me.id;
    if (me.locale !== currentLocale()) void setLocale(me.locale);
  }, [me]);
}

function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  useProfileLocale(me.data);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('errors.loadFailed')}
        subTitle={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  // Until the required MFA enrolment is done, the profile's MFA section is the only page.
  if (me.data.mfaEnrollmentRequired && location.pathname !== '/profile') {
    return <Navigate to="/profile?section=mfa" replace />;
  }
  return <AppLayout me={me.data} />;
}

function RequireRole({ allow }: { allow: (me: Me | undefined) => boolean }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!allow(me.data)) {
    return (
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={t('errors.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <Outlet />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/public/report" element={<PublicReportPage />} />
      <Route path="/public/status" element={<PublicStatusPage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<DashboardPage />} />
        <Route path="incidents" element={<IncidentsListPage />} />
        <Route path="incidents/dashboard" element={<IncidentsDashboardPage />} />
        <Route path="incidents/reports" element={<ReportsListPage />} />
        <Route element={<RequireRole allow={canFileReport} />}>
          <Route path="incidents/report" element={<ReportFormPage />} />
        </Route>
        <Route element={<RequireRole allow={isIrTeam} />}>
          <Route path="incidents/triage" element={<TriagePage />} />
          <Route path="incidents/intake-stats" element={<IntakeStatsPage />} />
        </Route>
        <Route path="incidents/:id" element={<IncidentDetailPage />} />
        <Route path="coordination" element={<AreaPage area="coordination" />} />
        <Route path="vulnerabilities" element={<AreaPage area="vulnerabilities" />} />
        <Route path="advisories" element={<AreaPage area="advisories" />} />
        <Route path="intel" element={<AreaPage area="intel" />} />
        <Route path="readiness" element={<AreaPage area="readiness" />} />
        <Route path="reports" element={<AreaPage area="reports" />} />
        <Route path="registry" element={<OrganisationsPage manage={false} />} />
        <Route element={<RequireRole allow={canViewSystems} />}>
          <Route path="registry/systems" element={<SystemsListPage />} />
          <Route path="registry/systems/:id" element={<SystemDetailPage />} />
        </Route>
        <Route element={<RequireRole allow={canImportRegistry} />}>
          <Route path="registry/import" element={<RegistryImportPage />} />
        </Route>
        <Route element={<RequireRole allow={canListPublication} />}>
          <Route path="registry/publication" element={<PublicationPage />} />
        </Route>
        <Route element={<RequireRole allow={canLookupOwnership} />}>
          <Route path="registry/ownership" element={<OwnershipLookupPage />} />
        </Route>
        <Route path="profile" element={<ProfilePage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="notifications/preferences" element={<NotificationPreferencesPage />} />
        <Route path="admin">
          <Route index element={<Navigate to="/admin/users" replace />} />
          <Route element={<RequireRole allow={canManageUsers} />}>
            <Route path="users" element={<UsersPage />} />
          </Route>
          <Route element={<RequireRole allow={canAdminister} />}>
            <Route path="organisations" element={<OrganisationsPage manage />} />
          </Route>
          <Route element={<RequireRole allow={canViewAudit} />}>
            <Route path="audit" element={<AuditPage />} />
          </Route>
          <Route element={<RequireRole allow={canViewDocuments} />}>
            <Route path="documents" element={<DocumentsPage />} />
          </Route>
          <Route element={<RequireRole allow={canManageWebhooks} />}>
            <Route path="webhooks" element={<WebhooksPage />} />
          </Route>
          <Route element={<RequireRole allow={canManageMailboxes} />}>
            <Route path="mailboxes" element={<MailboxesPage />} />
          </Route>
          <Route element={<RequireRole allow={isIrTeam} />}>
            <Route path="siem-sources" element={<SiemSourcesPage />} />
          </Route>
          <Route element={<RequireRole allow={canEditPlaybooks} />}>
            <Route path="playbooks" element={<PlaybooksPage />} />
          </Route>
          <Route element={<RequireRole allow={canViewNotifyRecords} />}>
            <Route path="outbox" element={<OutboxPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function Root() {
  return (
    <QueryClientProvider client={queryClient}>
      <Providers>
        <BrowserRouter>
          <UnauthorizedRedirect />
          <Suspense fallback={<FullPageSpin />}>
            <AppRoutes />
          </Suspense>
        </BrowserRouter>
      </Providers>
    </QueryClientProvider>
  );
}
