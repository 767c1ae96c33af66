import { Alert, Button, Checkbox, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_FACTS, type LevelFacts, proposeLevel } from '../../../../src/engines/levels/propose-level';

const CHECKS = [
  'stateSecrets',
  'privateOrPersonalData',
  'conditionalBusinessServices',
  'otherOnlineServices',
  'nationalEGovernment24x7',
  'nationalCentralStorage',
  'internationalInterconnection',
  'primeMinisterDecision',
] as const;

/**
 * Walks the NĐ 85/2016 criteria (Điều 7–11) and proposes a level with its reasons. The proposal
 * is advice: the owner decides, so "use this level" only fills the form.
 */
export function LevelHelper({ onUse }: { onUse: (level: number) => void }) {
  const { t } = useTranslation();
  const [facts, setFacts] = useState<LevelFacts>(EMPTY_FACTS);
  const proposal = useMemo(() => proposeLevel(facts), [facts]);
  const set = <K extends keyof LevelFacts>(key: K, value: LevelFacts[K]) => setFacts((f) => ({ ...f, [key]: value }));

  return (
    <div data-testid="level-helper">
      <Typography.Paragraph type="secondary">{t('levelHelper.intro')}</Typography.Paragraph>
      <Form layout="vertical" component={false}>
        <Form.Item label={t('levelHelper.q.harmToDefence')}>
          <Select
            value={facts.harmToDefence}
            onChange={(v) => set('harmToDefence', v)}
            options={(['none', 'harm', 'serious', 'especially-serious'] as const).map((v) => ({
              value: v,
              label: t(`levelHelper.harm.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('levelHelper.q.onlinePublicServiceLevel')}>
          <Select
            value={facts.onlinePublicServiceLevel}
            onChange={(v) => set('onlinePublicServiceLevel', v)}
            data-testid="level-helper-dvc"
            options={([0, 1, 2, 3, 4] as const).map((v) => ({
              value: v,
              label: v === 0 ? t('levelHelper.noPublicServices') : t('levelHelper.publicServiceLevel', { level: v }),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('levelHelper.q.personalDataUsers')}>
          <InputNumber
            min={0}
            max={1_000_000_000}
            value={facts.personalDataUsers}
            onChange={(v) => set('personalDataUsers', v ?? 0)}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item label={t('levelHelper.q.infrastructureScope')}>
          <Select
            value={facts.infrastructureScope}
            onChange={(v) => set('infrastructureScope', v)}
            data-testid="level-helper-infra"
            options={(['none', 'one-agency', 'sector-or-province', 'national'] as const).map((v) => ({
              value: v,
              label: t(`levelHelper.infra.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('levelHelper.q.icsWorksGrade')}>
          <Select
            value={facts.icsWorksGrade}
            onChange={(v) => set('icsWorksGrade', v)}
            options={(['none', 'grade-2-4', 'grade-1', 'special'] as const).map((v) => ({
              value: v,
              label: t(`levelHelper.ics.${v}`),
            }))}
          />
        </Form.Item>
        <Space direction="vertical" size={4} style={{ marginBottom: 12 }}>
          {CHECKS.map((key) => (
            <Checkbox key={key} checked={facts[key]} onChange={(e) => set(key, e.target.checked)}>
              {t(`levelHelper.q.${key}`)}
            </Checkbox>
          ))}
        </Space>
      </Form>
      <Alert
        type="info"
        data-testid="level-helper-proposal"
        message={t('levelHelper.proposal', { level: proposal.level })}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {proposal.reasons.map((r) => (
              <li key={r.key}>
                {t(`levelHelper.reason.${r.key}` as 'levelHelper.reason.publicInformationOnly')} ({r.article}{' '}
                {t('levelHelper.decree')})
              </li>
            ))}
          </ul>
        }
        action={
          <Button size="small" onClick={() => onUse(proposal.level)} data-testid="level-helper-use">
            {t('levelHelper.use', { level: proposal.level })}
          </Button>
        }
      />
    </div>
  );
}
