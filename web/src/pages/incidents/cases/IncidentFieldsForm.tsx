import { Button, Card, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PAP_LEVELS, SEVERITIES, TLP_LEVELS } from '../../../../../src/shared/vocabulary';
import { casesApi } from '../../../api/cases-client';
import { useIncidentMutation, useIncidentTypes } from '../../../api/cases-hooks';
import type { IncidentDetail, IncidentPatch } from '../../../api/cases-types';
import { isoToWallClock, wallClockIso } from '../../../lib/dates';
import { useLocale } from '../../../lib/useLocale';

type FieldsForm = Omit<IncidentPatch, 'version' | 'detectedAt' | 'occurredAt'> & {
  detectedAt?: Dayjs | null;
  occurredAt?: Dayjs | null;
};

/** Edits the incident's fields with its version (a stale save comes back as a clear 409). */
export function IncidentFieldsForm({ incident, onError }: { incident: IncidentDetail; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const types = useIncidentTypes();
  const [form] = Form.useForm<FieldsForm>();
  const save = useIncidentMutation((patch: IncidentPatch) => casesApi.update(incident.id, patch));
  useEffect(() => {
    form.setFieldsValue({
      title: incident.title,
      description: incident.description,
      typeCode: incident.typeCode,
      severity: incident.severity,
      tlp: incident.tlp,
      pap: incident.pap,
      detectedAt: isoToWallClock(incident.detectedAt),
      occurredAt: isoToWallClock(incident.occurredAt),
    });
  }, [incident, form]);
  const submit = (v: FieldsForm) =>
    save.mutate(
      {
        ...v,
        version: incident.version,
        detectedAt: v.detectedAt ? wallClockIso(v.detectedAt) : null,
        occurredAt: v.occurredAt ? wallClockIso(v.occurredAt) : null,
      },
      { onError },
    );
  const disabled = !incident.canWork;
  return (
    <Card size="small" title={t('cases.detail.fields')}>
      <Form form={form} layout="vertical" onFinish={submit} disabled={disabled} data-testid="incident-fields">
        <Form.Item
          name="title"
          label={t('cases.fields.title')}
          rules={[{ required: true, whitespace: true, max: 300 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('cases.fields.description')}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="typeCode" label={t('cases.fields.type')}>
          <Select
            options={(types.data?.items ?? [])
              .filter((x) => x.active || x.code === incident.typeCode)
              .map((x) => ({ value: x.code, label: locale === 'en' ? x.nameEn : x.nameVi }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('cases.fields.severity')}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`cases.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="tlp" label="TLP">
          <Select options={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))} />
        </Form.Item>
        <Form.Item name="pap" label="PAP">
          <Select options={PAP_LEVELS.map((l) => ({ value: l, label: `PAP:${l.toUpperCase()}` }))} />
        </Form.Item>
        <Form.Item name="detectedAt" label={t('cases.fields.detectedAt')}>
          <DatePicker showTime format="DD/MM/YYYY HH:mm" />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('cases.fields.occurredAt')}>
          <DatePicker showTime format="DD/MM/YYYY HH:mm" />
        </Form.Item>
        {incident.canWork ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="incident-save">
            {t('cases.detail.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
