import { Alert, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMergeOrganisation } from '../../api/hooks';
import type { Organisation } from '../../api/types';
import { ModalFooter } from '../../components/ModalFooter';
import { OrgSelect } from '../../components/OrgSelect';
import { DATE_FORMAT, toCalendarDate } from '../../lib/dates';
import { notifySuccess } from '../../lib/notify';

interface FormValues {
  successorId: string;
  effectiveDate: Dayjs;
}

/** Merges an organisation into its successor (validity ends, users move). */
export function MergeOrgModal({
  organisation,
  open,
  onClose,
}: {
  organisation: Organisation;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const merge = useMergeOrganisation(organisation.id);

  const onFinish = async (values: FormValues) => {
    try {
      const result = await merge.mutateAsync({
        successorId: values.successorId,
        effectiveDate: toCalendarDate(values.effectiveDate) ?? '',
      });
      notifySuccess(t('organisations.mergeDone', { count: result.movedUsers }));
      onClose();
    } catch {
      // shown by the global error handler
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('organisations.mergeTitle')} — ${organisation.code}`}
      onCancel={onClose}
      footer={
        <ModalFooter
          onCancel={onClose}
          onOk={() => form.submit()}
          loading={merge.isPending}
          okText={t('organisations.merge')}
          okDanger
          okTestId="org-merge-submit"
        />
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('organisations.mergeExplain')} style={{ marginBottom: 16 }} />
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="successorId"
          label={t('organisations.mergeSuccessor')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrgSelect excludeId={organisation.id} data-testid="org-merge-successor" />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label={t('organisations.mergeEffectiveDate')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="org-merge-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
