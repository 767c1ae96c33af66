import { Alert, Card, Col, Row } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../api/hooks';
import { PageTitle } from '../components/PageTitle';
import { GeneralSection } from './profile/GeneralSection';
import { MfaSection } from './profile/MfaSection';
import { PasswordSection } from './profile/PasswordSection';
import { SessionsSection } from './profile/SessionsSection';
import { TokensSection } from './profile/TokensSection';

/**
 * Profile: every section on one page. `?section=mfa` (used when the organisation or role
 * requires MFA) brings the MFA section into view; until that enrolment is done, it is the
 * only section shown.
 */
export default function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const section = params.get('section');
  const mfaRef = useRef<HTMLDivElement>(null);
  const enrolmentRequired = Boolean(me?.mfaEnrollmentRequired);

  useEffect(() => {
    if (section === 'mfa') mfaRef.current?.scrollIntoView({ block: 'start' });
  }, [section]);

  if (!me) return null;

  const mfaCard = (
    <div ref={mfaRef} id="mfa" className="profile-section">
      <Card title={t('profile.tabMfa')} data-testid="profile-mfa">
        <MfaSection me={me} />
      </Card>
    </div>
  );

  // The MFA card keeps its place in the tree whether or not enrolment is required, so the
  // recovery codes shown right after enabling MFA survive the refresh of /api/me.
  return (
    <div>
      <PageTitle title={t('profile.title')} />
      {enrolmentRequired ? (
        <Alert
          type="warning"
          showIcon
          title={t('profile.mfaRequiredBanner')}
          style={{ marginBottom: 16 }}
          data-testid="mfa-required-banner"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        {enrolmentRequired ? null : (
          <Col xs={24} xl={12} key="general">
            <Card title={t('profile.tabGeneral')} id="general" style={{ height: '100%' }}>
              <GeneralSection me={me} />
            </Card>
          </Col>
        )}
        {enrolmentRequired ? null : (
          <Col xs={24} xl={12} key="password">
            <Card title={t('profile.tabPassword')} id="password" style={{ height: '100%' }}>
              <PasswordSection />
            </Card>
          </Col>
        )}
        <Col span={24} key="mfa">
          {mfaCard}
        </Col>
        {enrolmentRequired ? null : (
          <Col span={24} key="sessions">
            <Card title={t('profile.tabSessions')} id="sessions">
              <SessionsSection />
            </Card>
          </Col>
        )}
        {enrolmentRequired ? null : (
          <Col span={24} key="tokens">
            <Card title={t('profile.tabTokens')} id="tokens">
              <TokensSection />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
