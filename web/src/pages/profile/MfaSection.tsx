import { CopyOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Result, Space, Steps, Typography } from 'antd';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMfaDisable, useMfaEnable, useMfaSetup } from '../../api/hooks';
import type { Me, MfaSetup } from '../../api/types';
import { ModalFooter } from '../../components/ModalFooter';
import { notifySuccess } from '../../lib/notify';

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const text = `${codes.join('\n')}\n`;

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('mfa.recoveryFile');
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Card title={t('mfa.recoveryTitle')} className="recovery-card">
      <Alert type="warning" showIcon title={t('mfa.recoveryHint')} style={{ marginBottom: 16 }} />
      <div data-testid="recovery-codes" className="recovery-codes">
        {codes.map((code) => (
          <code key={code} className="recovery-code">
            {code}
          </code>
        ))}
      </div>
      <Space wrap style={{ marginTop: 16 }}>
        <Button
          icon={<CopyOutlined />}
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => notifySuccess(t('common.copied')));
          }}
        >
          {t('common.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('common.download')}
        </Button>
        <Button type="primary" onClick={onDone} data-testid="recovery-codes-done">
          {t('mfa.recoveryDone')}
        </Button>
      </Space>
    </Card>
  );
}

/** Enrolment: setup → QR code and secret → code → recovery codes (shown once). */
function EnrolFlow({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation();
  const setup = useMfaSetup();
  const enable = useMfaEnable();
  const [secret, setSecret] = useState<MfaSetup | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ code: string }>();

  useEffect(() => {
    if (!secret) {
      setQr(null);
      return;
    }
    let cancelled = false;
    toDataURL(secret.otpauthUrl, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (!cancelled) setQr(url);
      })
      .catch(() => {
        if (!cancelled) setQr(null);
      });
    return () => {
      cancelled = true;
    };
  }, [secret]);

  if (recoveryCodes) {
    return (
      <RecoveryCodes
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          setSecret(null);
          onFinished();
        }}
      />
    );
  }

  if (!secret) {
    return (
      <Space orientation="vertical" size={16}>
        <Typography.Paragraph>{t('mfa.intro')}</Typography.Paragraph>
        <Button
          type="primary"
          icon={<SafetyOutlined />}
          loading={setup.isPending}
          data-testid="mfa-enable-start"
          onClick={async () => {
            try {
              setSecret(await setup.mutateAsync());
            } catch {
              // shown globally
            }
          }}
        >
          {t('mfa.start')}
        </Button>
      </Space>
    );
  }

  return (
    <Steps
      orientation="vertical"
      current={1}
      items={[
        {
          title: t('mfa.step1'),
          content: (
            <div className="mfa-setup">
              {qr ? <img src={qr} alt={t('mfa.qrAlt')} width={220} height={220} className="mfa-qr" /> : null}
              <div>
                <Typography.Text type="secondary">{t('mfa.step1Manual')}</Typography.Text>
                <Typography.Paragraph copyable={{ text: secret.secret }} className="mfa-secret">
                  <code data-testid="mfa-secret">{secret.secret}</code>
                </Typography.Paragraph>
              </div>
            </div>
          ),
        },
        {
          title: t('mfa.step2'),
          content: (
            <Form
              form={form}
              layout="inline"
              onFinish={async (values) => {
                try {
                  const result = await enable.mutateAsync(values.code.replace(/\s+/g, ''));
                  setRecoveryCodes(result.recoveryCodes);
                  notifySuccess(t('mfa.enabled'));
                } catch {
                  form.setFieldValue('code', '');
                }
              }}
              style={{ marginTop: 8 }}
            >
              <Form.Item
                name="code"
                rules={[
                  { required: true, message: t('common.required') },
                  { pattern: /^\s*\d{3}\s*\d{3}\s*$/, message: t('mfa.codeInvalid') },
                ]}
              >
                <Input
                  data-testid="mfa-enable-code"
                  placeholder={t('mfa.code')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={7}
                  style={{ width: 160 }}
                />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="mfa-enable-submit">
                  {t('mfa.enable')}
                </Button>
              </Form.Item>
            </Form>
          ),
        },
      ]}
    />
  );
}

function DisableButton() {
  const { t } = useTranslation();
  const disable = useMfaDisable();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const close = () => {
    setOpen(false);
    form.resetFields();
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="mfa-disable-start">
        {t('mfa.disable')}
      </Button>
      <Modal
        open={open}
        title={t('mfa.disableTitle')}
        onCancel={close}
        footer={
          <ModalFooter
            onCancel={close}
            onOk={() => form.submit()}
            loading={disable.isPending}
            okDanger
            okText={t('mfa.disable')}
            okTestId="mfa-disable-submit"
          />
        }
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('mfa.disableHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values) => {
            try {
              await disable.mutateAsync(values.password);
              notifySuccess(t('mfa.disabled'));
              close();
            } catch {
              form.setFieldValue('password', '');
            }
          }}
        >
          <Form.Item
            name="password"
            label={t('mfa.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="mfa-disable-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function MfaSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  // The enrolment flow stays mounted while recovery codes are shown, even after /api/me
  // reports MFA as enabled; it is dismissed explicitly.
  const [enrolling, setEnrolling] = useState(!me.mfaEnabled);
  useEffect(() => {
    if (!me.mfaEnabled) setEnrolling(true);
  }, [me.mfaEnabled]);

  return (
    <div style={{ maxWidth: 760 }} data-testid="mfa-section">
      {me.mfaEnabled && !enrolling ? (
        <Result
          status="success"
          icon={<SafetyOutlined />}
          title={t('mfa.statusOn')}
          extra={<DisableButton />}
          style={{ padding: '24px 0' }}
        />
      ) : (
        <>
          {!me.mfaEnabled ? (
            <Alert type="warning" showIcon title={t('mfa.statusOff')} style={{ marginBottom: 16 }} />
          ) : null}
          <EnrolFlow onFinished={() => setEnrolling(false)} />
        </>
      )}
    </div>
  );
}
