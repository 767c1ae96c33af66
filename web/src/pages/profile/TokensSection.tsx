import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateToken, useRevokeToken, useTokens } from '../../api/hooks';
import type { ApiToken, TokenScope } from '../../api/types';
import { ModalFooter } from '../../components/ModalFooter';
import { dayjs, formatDateTime } from '../../lib/dates';
import { notifySuccess } from '../../lib/notify';

interface CreateValues {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number;
}

function tokenStatus(token: ApiToken): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && dayjs(token.expiresAt).isBefore(dayjs())) return 'expired';
  return 'active';
}

export function TokensSection() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [form] = Form.useForm<CreateValues>();

  const scopeLabel = (scope: TokenScope) => (scope === 'write' ? t('tokens.scopeWrite') : t('tokens.scopeRead'));

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('tokens.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      width: 140,
      render: (scopes: TokenScope[]) =>
        scopes.map((scope) => (
          <Tag key={scope} color={scope === 'write' ? 'orange' : 'blue'}>
            {scopeLabel(scope)}
          </Tag>
        )),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.noExpiry')),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')),
    },
    {
      title: t('tokens.status'),
      key: 'status',
      width: 120,
      render: (_, token) => {
        const status = tokenStatus(token);
        if (status === 'revoked') return <Tag color="error">{t('tokens.statusRevoked')}</Tag>;
        if (status === 'expired') return <Tag>{t('tokens.statusExpired')}</Tag>;
        return <Tag color="success">{t('tokens.statusActive')}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm')}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await revoke.mutateAsync(token.id);
                notifySuccess(t('tokens.revoked'));
              } catch {
                // shown globally
              }
            }}
          >
            <Button size="small" danger data-testid="token-revoke">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const closeCreate = () => {
    setCreating(false);
    form.resetFields();
  };

  return (
    <div>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 640 }}>
          {t('tokens.intro')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      </Flex>
      <div data-testid="token-table">
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isFetching}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tokens.empty') }}
        />
      </div>

      <Modal
        open={creating}
        title={t('tokens.createTitle')}
        onCancel={closeCreate}
        footer={
          <ModalFooter
            onCancel={closeCreate}
            onOk={() => form.submit()}
            loading={create.isPending}
            okText={t('common.create')}
            okTestId="token-form-submit"
          />
        }
        forceRender
      >
        <Form<CreateValues>
          form={form}
          layout="vertical"
          initialValues={{ scopes: ['read'], expiresInDays: 90 }}
          onFinish={async (values) => {
            try {
              const result = await create.mutateAsync({
                name: values.name.trim(),
                scopes: values.scopes,
                expiresInDays: values.expiresInDays,
              });
              closeCreate();
              setCreated(result.token);
            } catch {
              // shown globally
            }
          }}
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={100} data-testid="token-form-name" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokens.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
          >
            <Checkbox.Group
              options={[
                { value: 'read', label: t('tokens.scopeRead') },
                { value: 'write', label: t('tokens.scopeWrite') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('tokens.expiresInDays')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber min={1} max={365} precision={0} data-testid="token-form-expires" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={created !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="token-created-close">
            {t('common.close')}
          </Button>
        }
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('tokens.createdHint')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: created ?? '' }} className="token-value">
          <code data-testid="token-value">{created}</code>
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
