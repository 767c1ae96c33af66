import { Checkbox, Col, Collapse, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SYSTEM_CATEGORIES, SYSTEM_STATUSES } from '../../../../src/shared/vocabulary';
import { useMe } from '../../api/hooks';
import { useCreateSystem, useUpdateSystem } from '../../api/systems-hooks';
import type {
  InformationSystem,
  SystemCategory,
  SystemContact,
  SystemInput,
  SystemStatus,
} from '../../api/systems-types';
import { OrgSelect } from '../../components/OrgSelect';
import { parseCalendarDate, toCalendarDate } from '../../lib/dates';
import { notifyError, notifySuccess } from '../../lib/notify';
import { LevelHelper } from './LevelHelper';
import { OwnerContactSelect } from './OwnerContactSelect';

type FormValues = {
  code: string;
  name: string;
  nameEn?: string;
  ownerOrgId: string;
  operatorOrgId?: string | null;
  ownerContactId?: string | null;
  securityLevel?: number | null;
  levelDecisionNo?: string;
  levelDecisionDate?: ReturnType<typeof parseCalendarDate>;
  levelApprovedBy?: string;
  category: SystemCategory;
  status: SystemStatus;
  flags: ('sharedProvincial' | 'nationalCritical' | 'internetFacing')[];
  measures: ('antivirus' | 'firewall' | 'ids')[];
  measuresOther?: string;
  securityProvider?: string;
  connectivityProvider?: string;
  osAndServices?: string;
  description?: string;
};

const orNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

function initialValues(system: InformationSystem | undefined, ownOrgId: string | undefined): Partial<FormValues> {
  if (!system) return { ownerOrgId: ownOrgId, category: 'internal', status: 'active', flags: [], measures: [] };
  const m = system.securityMeasures;
  return {
    code: system.code,
    name: system.name,
    nameEn: system.nameEn ?? undefined,
    ownerOrgId: system.owner.id,
    operatorOrgId: system.operator.id,
    ownerContactId: system.ownerContactId,
    securityLevel: system.securityLevel,
    levelDecisionNo: system.levelDecisionNo ?? undefined,
    levelDecisionDate: parseCalendarDate(system.levelDecisionDate),
    levelApprovedBy: system.levelApprovedBy ?? undefined,
    category: system.category,
    status: system.status,
    flags: (['sharedProvincial', 'nationalCritical', 'internetFacing'] as const).filter((f) => system[f]),
    measures: m ? (['antivirus', 'firewall', 'ids'] as const).filter((k) => m[k]) : [],
    measuresOther: m?.other ?? undefined,
    securityProvider: system.securityProvider ?? undefined,
    connectivityProvider: system.connectivityProvider ?? undefined,
    osAndServices: system.osAndServices ?? undefined,
    description: system.description ?? undefined,
  };
}

function toInput(v: FormValues): SystemInput {
  return {
    code: v.code,
    name: v.name.trim(),
    nameEn: orNull(v.nameEn),
    ownerOrgId: v.ownerOrgId,
    operatorOrgId: v.operatorOrgId ?? null,
    ownerContactId: v.ownerContactId ?? null,
    securityLevel: v.securityLevel ?? null,
    levelDecisionNo: orNull(v.levelDecisionNo),
    levelDecisionDate: toCalendarDate(v.levelDecisionDate),
    levelApprovedBy: orNull(v.levelApprovedBy),
    category: v.category,
    status: v.status,
    sharedProvincial: v.flags.includes('sharedProvincial'),
    nationalCritical: v.flags.includes('nationalCritical'),
    internetFacing: v.flags.includes('internetFacing'),
    securityMeasures: {
      antivirus: v.measures.includes('antivirus'),
      firewall: v.measures.includes('firewall'),
      ids: v.measures.includes('ids'),
      other: orNull(v.measuresOther),
    },
    securityProvider: orNull(v.securityProvider),
    connectivityProvider: orNull(v.connectivityProvider),
    osAndServices: orNull(v.osAndServices),
    description: orNull(v.description),
  };
}

/** Create (no `system`) or edit a system; the level helper proposes, the user decides. */
export function SystemFormModal({
  system,
  onClose,
}: {
  system?: InformationSystem & { ownerContact?: SystemContact | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateSystem();
  const update = useUpdateSystem();
  const ownerOrgId = Form.useWatch('ownerOrgId', form);

  const submit = async (values: FormValues) => {
    try {
      if (system) {
        await update.mutateAsync({ id: system.id, input: toInput(values) });
        notifySuccess(t('systems.saved'));
        onClose();
      } else {
        const created = await create.mutateAsync(toInput(values));
        notifySuccess(t('systems.created', { code: created.code }));
        onClose();
        navigate(`/registry/systems/${created.id}`);
      }
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Modal
      open
      width={880}
      title={system ? t('systems.editTitle', { code: system.code }) : t('systems.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'system-form-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(system, me.data?.organisation.id)}
        onFinish={submit}
        // The contact belongs to the owner: another owner, another list.
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('ownerOrgId' in changed) form.setFieldValue('ownerContactId', null);
        }}
        data-testid="system-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('systems.code')}
              rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, message: t('systems.codeRule') }]}
            >
              <Input data-testid="system-code" maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('systems.nameVi')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="system-name" maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="nameEn" label={t('systems.nameEn')}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="ownerOrgId" label={t('systems.owner')} rules={[{ required: true }]}>
              <OrgSelect allowClear={false} data-testid="system-owner" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="operatorOrgId" label={t('systems.operator')} extra={t('systems.operatorHint')}>
              <OrgSelect data-testid="system-operator" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="ownerContactId" label={t('systems.ownerContact')} extra={t('systems.ownerContactHint')}>
          <OwnerContactSelect ownerOrgId={ownerOrgId} current={system?.ownerContact} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="category" label={t('systems.category')} rules={[{ required: true }]}>
              <Select options={SYSTEM_CATEGORIES.map((c) => ({ value: c, label: t(`systems.categories.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('systems.status')}>
              <Select options={SYSTEM_STATUSES.map((s) => ({ value: s, label: t(`systems.statuses.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="securityLevel" label={t('systems.level')}>
              <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} data-testid="system-level-input" />
            </Form.Item>
          </Col>
        </Row>
        <Collapse
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'helper',
              label: t('levelHelper.title'),
              children: <LevelHelper onUse={(level) => form.setFieldValue('securityLevel', level)} />,
            },
          ]}
        />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="levelDecisionNo" label={t('systems.levelDecisionNo')}>
              <Input maxLength={100} placeholder="1234/QĐ-UBND" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="levelDecisionDate" label={t('systems.levelDecisionDate')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="levelApprovedBy" label={t('systems.levelApprovedBy')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="flags" label={t('systems.flags')}>
          <Checkbox.Group
            options={(['sharedProvincial', 'nationalCritical', 'internetFacing'] as const).map((f) => ({
              value: f,
              label: t(`systems.${f}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="measures" label={t('systems.securityMeasures')}>
          <Checkbox.Group
            options={(['antivirus', 'firewall', 'ids'] as const).map((m) => ({
              value: m,
              label: t(`systems.measures.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="measuresOther" label={t('systems.measures.other')}>
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="securityProvider" label={t('systems.securityProvider')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="connectivityProvider" label={t('systems.connectivityProvider')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="osAndServices" label={t('systems.osAndServices')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="description" label={t('systems.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
