import { Alert, Button, Card, Form, Radio, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPACTS } from '../../../../../src/engines/serious-incident/assess';
import { QUESTION_TEXT, REASON_TEXT } from '../../../../../src/engines/serious-incident/messages';
import { casesApi } from '../../../api/cases-client';
import { useIncidentMutation } from '../../../api/cases-hooks';
import type { IncidentDetail } from '../../../api/cases-types';
import { useLocale } from '../../../lib/useLocale';

type Answers = Record<string, unknown> & { impacts?: Record<string, string> };

/** QĐ 05 Điều 9 as a guided checklist; the server runs the engine and returns its reasons. */
export function SeriousChecklist({ incident, onError }: { incident: IncidentDetail; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<Answers>();
  const save = useIncidentMutation((answers: Answers) => casesApi.serious(incident.id, answers));
  useEffect(() => form.setFieldsValue((incident.seriousAnswers ?? {}) as Answers), [incident.seriousAnswers, form]);
  const v = incident.seriousVerdict;
  const yesNo = (
    <Radio.Group
      optionType="button"
      disabled={!incident.canWork}
      options={(['yes', 'no', 'unknown'] as const).map((a) => ({ value: a, label: t(`cases.seriousCheck.${a}`) }))}
    />
  );
  const text = (k: keyof typeof QUESTION_TEXT) => QUESTION_TEXT[k][locale === 'en' ? 'en' : 'vi'];
  return (
    <Card size="small" title={t('cases.seriousCheck.title')} data-testid="serious-checklist">
      <Alert
        style={{ marginBottom: 12 }}
        type={v.serious === true ? 'error' : v.serious === false ? 'success' : 'info'}
        message={t(
          `cases.seriousCheck.verdict.${v.serious === true ? 'true' : v.serious === false ? 'false' : 'undetermined'}`,
        )}
        description={
          v.reasons.length > 0 ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {v.reasons.map((r) => (
                <li key={r}>{REASON_TEXT[r as keyof typeof REASON_TEXT]?.[locale === 'en' ? 'en' : 'vi'] ?? r}</li>
              ))}
            </ul>
          ) : null
        }
      />
      <Form form={form} layout="vertical" onFinish={(a) => save.mutate(a, { onError })}>
        <Form.Item name="securityLevel" label={text('securityLevel')} initialValue="unknown">
          <Select
            disabled={!incident.canWork}
            style={{ width: 200 }}
            options={[
              { value: 'unknown', label: t('cases.seriousCheck.unknown') },
              ...[1, 2, 3, 4, 5].map((l) => ({ value: l, label: t('cases.seriousCheck.level', { level: l }) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="nationalCriticalList" label={text('nationalCriticalList')} initialValue="unknown">
          {yesNo}
        </Form.Item>
        {IMPACTS.map((i) => (
          <Form.Item key={i} name={['impacts', i]} label={text(`impact.${i}`)} initialValue="unknown">
            {yesNo}
          </Form.Item>
        ))}
        <Form.Item name="beyondOwnerCapacity" label={text('beyondOwnerCapacity')} initialValue="unknown">
          {yesNo}
        </Form.Item>
        {incident.canWork ? (
          <Space>
            <Button htmlType="submit" loading={save.isPending} data-testid="serious-save">
              {t('cases.seriousCheck.save')}
            </Button>
            <Typography.Text type="secondary">{t('cases.seriousCheck.hint')}</Typography.Text>
          </Space>
        ) : null}
      </Form>
    </Card>
  );
}
