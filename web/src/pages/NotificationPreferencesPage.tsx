import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences, useSavePreferences } from '../api/notify-hooks';
import type { NotificationPreference } from '../api/notify-types';
import { CategoryTag } from '../components/notifyLabels';
import { PageTitle } from '../components/PageTitle';
import { errorText, notifySuccess } from '../lib/notify';

type Toggle = 'email' | 'digest' | 'organisation';

const same = (a: NotificationPreference[], b: NotificationPreference[]) => JSON.stringify(a) === JSON.stringify(b);

export default function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const saved = usePreferences();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<NotificationPreference[] | null>(null);

  // A fresh copy from the server (first load, after saving) replaces the draft.
  useEffect(() => {
    if (saved.data) setDraft(saved.data.items);
  }, [saved.data]);

  const dirty = Boolean(draft && saved.data && !same(draft, saved.data.items));

  const toggle = (category: string, key: Toggle, value: boolean) =>
    setDraft((current) => current?.map((row) => (row.category === category ? { ...row, [key]: value } : row)) ?? null);

  const submit = async () => {
    if (!draft) return;
    try {
      await save.mutateAsync(draft);
      notifySuccess(t('notify.prefs.saved'));
    } catch {
      // shown globally
    }
  };

  const switchCell = (key: Toggle, row: NotificationPreference, disabled = false) => (
    <Switch
      checked={row[key]}
      disabled={disabled}
      onChange={(value) => toggle(row.category, key, value)}
      aria-label={`${t(`notify.categories.${row.category}`)} — ${t(`notify.prefs.${key}`)}`}
      data-testid={`pref-${key}-${row.category}`}
    />
  );

  const columns: TableColumnsType<NotificationPreference> = [
    {
      title: t('notify.prefs.category'),
      dataIndex: 'category',
      render: (_, row) => <CategoryTag category={row.category} />,
    },
    {
      title: t('notify.channels.inapp'),
      key: 'inapp',
      align: 'center',
      render: () => (
        <Tooltip title={t('notify.prefs.inappAlways')}>
          <Switch checked disabled aria-label={t('notify.prefs.inappAlways')} />
        </Tooltip>
      ),
    },
    {
      title: t('notify.channels.email'),
      key: 'email',
      align: 'center',
      render: (_, row) => switchCell('email', row),
    },
    {
      title: (
        <Tooltip title={t('notify.prefs.digestHint')}>
          <span className="dotted-help">{t('notify.prefs.digest')}</span>
        </Tooltip>
      ),
      key: 'digest',
      align: 'center',
      render: (_, row) => switchCell('digest', row, !row.email),
    },
    {
      title: (
        <Tooltip title={t('notify.prefs.organisationHint')}>
          <span className="dotted-help">{t('notify.prefs.organisation')}</span>
        </Tooltip>
      ),
      key: 'organisation',
      align: 'center',
      render: (_, row) => switchCell('organisation', row),
    },
  ];

  return (
    <div>
      <PageTitle title={t('notify.prefs.title')} description={t('notify.prefs.intro')} />
      <Card>
        {saved.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : saved.isError ? (
          <Alert type="error" showIcon title={t('errors.loadFailed')} description={errorText(saved.error)} />
        ) : (
          <>
            <div data-testid="prefs-table">
              <Table<NotificationPreference>
                rowKey="category"
                dataSource={draft ?? []}
                columns={columns}
                pagination={false}
                size="middle"
                scroll={{ x: 'max-content' }}
              />
            </div>
            <Flex justify="space-between" align="center" gap={12} wrap className="prefs-footer">
              <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="prefs-state">
                {dirty ? t('notify.prefs.unsaved') : t('notify.prefs.upToDate')}
              </Typography.Text>
              <Space>
                <Button
                  icon={<UndoOutlined />}
                  disabled={!dirty || save.isPending}
                  onClick={() => setDraft(saved.data?.items ?? null)}
                >
                  {t('notify.prefs.reset')}
                </Button>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  disabled={!dirty}
                  loading={save.isPending}
                  onClick={() => void submit()}
                  data-testid="prefs-save"
                >
                  {t('common.save')}
                </Button>
              </Space>
            </Flex>
          </>
        )}
      </Card>
    </div>
  );
}
