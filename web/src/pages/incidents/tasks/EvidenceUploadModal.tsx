import { UploadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddEvidence } from '../../../api/tasks-hooks';
import { isoToWallClock, wallClockIso } from '../../../lib/dates';
import { notifyError, notifySuccess } from '../../../lib/notify';

type Values = { description?: string; collectedBy: string; collectedAt?: Dayjs | null };

/** Upload a file and take it into evidence (optionally for one task): who collected it, when, what it is. */
export function EvidenceUploadModal(props: {
  incidentId: string;
  taskId?: string | null;
  taskTitle?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const add = useAddEvidence(props.incidentId);

  const submit = async (values: Values) => {
    if (!file) return;
    try {
      await add.mutateAsync({
        file,
        input: {
          description: values.description ?? '',
          collectedBy: values.collectedBy,
          collectedAt: values.collectedAt ? wallClockIso(values.collectedAt) : undefined,
          taskId: props.taskId ?? null,
        },
      });
      notifySuccess(t('tasks.evidence.added'));
      form.resetFields();
      setFile(null);
      props.onClose();
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.taskTitle ? t('tasks.evidence.uploadFor', { title: props.taskTitle }) : t('tasks.evidence.upload')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('tasks.evidence.save')}
      okButtonProps={{ disabled: !file, loading: add.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        name="evidence-upload"
        layout="vertical"
        onFinish={submit}
        initialValues={{ collectedAt: isoToWallClock(new Date().toISOString()) }}
      >
        <Form.Item label={t('tasks.evidence.file')} required>
          <Upload
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            maxCount={1}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('tasks.evidence.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="description" label={t('tasks.evidence.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="collectedBy"
          label={t('tasks.evidence.collectedBy')}
          rules={[{ required: true, whitespace: true, message: t('tasks.evidence.collectedByRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="collectedAt" label={t('tasks.evidence.collectedAt')}>
          <DatePicker showTime format="DD/MM/YYYY HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
