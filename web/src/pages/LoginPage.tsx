import { LockOutlined, LoginOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Form, Input, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import { useLogin, useMe, useMfaLogin, useSetMe, useSsoStatus } from '../api/hooks';
import { isLocale, type Locale, type Me } from '../api/types';
import { Logo } from '../components/Logo';
import { currentLocale, setLocale } from '../i18n';
import { errorText } from '../lib/notify';
import { useLocale } from '../lib/useLocale';

/** Reasons the server gives when single sign-on comes back refused (`/login?sso_error=…`). */
const SSO_ERRORS = [
  'sso_disabled',
  'wrong_state',
  'replayed_state',
  'expired_state',
  'nonce_mismatch',
  'idp_error',
  'idp_unreachable',
  'invalid_response',
  'unknown_user',
  'disabled_user',
  'email_not_verified',
  'ambiguous_user',
  'identity_conflict',
  'jit_failed',
  'too_many_attempts',
] as const;
type SsoError = (typeof SSO_ERRORS)[number] | 'other';
const ssoError = (value: string | null): SsoError | null => {
  if (value === null) return null;
  return SSO_ERRORS.find((e) => e === value) ?? 'other';
};

/** Only same-site paths are accepted as the place to return to after login. */
function safeNext(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}

export function LoginPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const setMe = useSetMe();
  const login = useLogin();
  const mfa = useMfaLogin();
  const sso = useSsoStatus();
  // After single sign-on, a user with MFA lands here for the second factor (`?sso=mfa`).
  const ssoMfa = params.get('sso') === 'mfa';
  const [step, setStep] = useState<'password' | 'mfa'>(ssoMfa ? 'mfa' : 'password');
  const [error, setError] = useState<string | null>(null);
  const [refusal] = useState(() => ssoError(params.get('sso_error')));
  const [languageChosenHere, setLanguageChosenHere] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (!ssoMfa) return;
    let cancelled = false;
    // The SSO callback opened the session; the second step needs its CSRF token.
    api.mfaPending().then(
      (waiting) => {
        if (cancelled) return;
        setCsrfToken(waiting.csrfToken);
        if (!waiting.pending) navigate(next, { replace: true });
      },
      () => {
        if (!cancelled) setStep('password');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ssoMfa, navigate, next]);

  const finish = async (user: Me) => {
    let profile = user;
    const shown = currentLocale();
    if (languageChosenHere && user.locale !== shown) {
      // The language picked on this page wins: store it in the profile.
      try {
        profile = await api.updateMe({ locale: shown });
      } catch {
        profile = user;
      }
    } else if (user.locale !== shown) {
      await setLocale(user.locale);
    }
    setMe(profile);
    navigate(profile.mfaEnrollmentRequired ? '/profile?section=mfa' : next, { replace: true });
  };

  const onPassword = async (values: { username: string; password: string }) => {
    setError(null);
    try {
      const result = await login.mutateAsync({ username: values.username.trim(), password: values.password });
      setCsrfToken(result.csrfToken);
      if (result.mfaRequired) {
        setStep('mfa');
      } else {
        await finish(result.user);
      }
    } catch (caught) {
      setError(errorText(caught));
      throw caught;
    }
  };

  const onMfa = async (values: { code: string }) => {
    setError(null);
    try {
      const result = await mfa.mutateAsync(values.code.replace(/\s+/g, ''));
      setCsrfToken(result.csrfToken);
      await finish(result.user);
    } catch (caught) {
      setError(errorText(caught));
      throw caught;
    }
  };

  const onLanguage = (value: string) => {
    if (!isLocale(value)) return;
    setLanguageChosenHere(true);
    void setLocale(value);
  };

  // Already signed in (e.g. opened /login in a new tab): go straight in.
  if (me.data && step === 'password' && !login.isPending) {
    return <Navigate to={me.data.mfaEnrollmentRequired ? '/profile?section=mfa' : next} replace />;
  }

  return (
    <div className="login-page">
      <div className="login-language">
        <Segmented<Locale>
          aria-label={t('login.language')}
          value={locale}
          onChange={onLanguage}
          options={[
            { value: 'vi', label: <span data-testid="lang-switch-vi">{t('language.vi')}</span> },
            { value: 'en', label: <span data-testid="lang-switch-en">{t('language.en')}</span> },
          ]}
        />
      </div>
      <Card className="login-card" variant="borderless">
        <div className="login-logo">
          <Logo dark={false} />
        </div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {step === 'password' ? t('login.title') : t('login.mfaTitle')}
        </Typography.Title>
        {refusal && !error && step === 'password' ? (
          <Alert
            type="error"
            showIcon
            title={t('login.ssoFailed')}
            description={t(`login.ssoErrors.${refusal}`)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            title={step === 'password' ? t('login.failed') : t('login.mfaFailed')}
            description={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        {step === 'password' ? (
          <>
            <PasswordStep onSubmit={onPassword} loading={login.isPending} />
            {sso.data?.enabled ? (
              <>
                <Divider plain>{t('login.or')}</Divider>
                <Button data-testid="login-sso" block icon={<LoginOutlined />} href="/api/auth/oidc/login">
                  {t('login.ssoButton', { label: sso.data.label ?? 'SSO' })}
                </Button>
              </>
            ) : null}
          </>
        ) : (
          <MfaStep
            onSubmit={onMfa}
            loading={mfa.isPending}
            onBack={() => {
              setStep('password');
              setError(null);
              setCsrfToken(null);
            }}
          />
        )}
        <Typography.Paragraph type="secondary" className="login-notice">
          {t('login.notice')}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Link to="/public/report" data-testid="login-public-report">
            {t('publicIntake.loginLink')}
          </Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

function PasswordStep({
  onSubmit,
  loading,
}: {
  onSubmit: (values: { username: string; password: string }) => Promise<void>;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; password: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      autoComplete="on"
      onFinish={async (values) => {
        try {
          await onSubmit(values);
        } catch {
          form.setFieldValue('password', '');
        }
      }}
    >
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input
          data-testid="login-username"
          prefix={<UserOutlined />}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={loading}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}

function MfaStep({
  onSubmit,
  loading,
  onBack,
}: {
  onSubmit: (values: { code: string }) => Promise<void>;
  loading: boolean;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={async (values) => {
        try {
          await onSubmit(values);
        } catch {
          form.setFieldValue('code', '');
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('login.mfaHint')}</Typography.Paragraph>
      <Form.Item name="code" label={t('login.mfaCode')} rules={[{ required: true, message: t('common.required') }]}>
        <Input
          data-testid="mfa-code"
          prefix={<SafetyOutlined />}
          autoComplete="one-time-code"
          inputMode="text"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          autoFocus
        />
      </Form.Item>
      <Button data-testid="mfa-submit" type="primary" htmlType="submit" block loading={loading}>
        {t('login.mfaSubmit')}
      </Button>
      <Button type="link" block style={{ marginTop: 8 }} onClick={onBack}>
        {t('login.back')}
      </Button>
    </Form>
  );
}
