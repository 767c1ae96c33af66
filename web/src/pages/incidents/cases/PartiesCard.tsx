import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { casesApi } from '../../../api/cases-client';
import { useIncidentMutation, useSuggestions } from '../../../api/cases-hooks';
import type { IncidentDetail } from '../../../api/cases-types';
import { MembersModal } from './MembersModal';

/** Members, organisations and systems, with suggestions from the observables' owners. */
export function PartiesCard({ incident, onError }: { incident: IncidentDetail; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const suggestions = useSuggestions(incident.id, incident.canWork);
  const [editingMembers, setEditingMembers] = useState(false);
  const addOrg = useIncidentMutation((organisationId: string) =>
    casesApi.organisations(
      incident.id,
      [
        ...incident.organisations.map((o) => ({ organisationId: o.organisationId, relation: o.relation })),
        { organisationId, relation: 'affected' },
      ],
      incident.version,
    ),
  );
  const addSystem = useIncidentMutation((systemId: string) =>
    casesApi.systems(incident.id, [...incident.systems.map((s) => s.id), systemId], incident.version),
  );
  const s = suggestions.data;
  return (
    <Card
      size="small"
      title={t('cases.detail.parties')}
      data-testid="incident-parties"
      extra={
        incident.canWork ? (
          <Button size="small" onClick={() => setEditingMembers(true)} data-testid="incident-members-edit">
            {t('cases.detail.editMembers')}
          </Button>
        ) : null
      }
    >
      {editingMembers ? (
        <MembersModal incident={incident} onClose={() => setEditingMembers(false)} onError={onError} />
      ) : null}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('cases.detail.members')}>
          <Space wrap>
            {incident.members.length === 0 ? '—' : null}
            {incident.members.map((m) => (
              <Tag key={m.userId}>
                {m.displayName} · {t(`cases.memberRole.${m.role}`)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.detail.organisations')}>
          <Space wrap>
            {incident.organisations.map((o) => (
              <Tag key={`${o.organisationId}/${o.relation}`}>
                {o.name} · {t(`cases.relation.${o.relation}`)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.detail.systems')}>
          <Space wrap>
            {incident.systems.length === 0 ? '—' : null}
            {incident.systems.map((x) => (
              <Link key={x.id} to={`/registry/systems/${x.id}`}>
                <Tag>
                  {x.code} — {x.name}
                </Tag>
              </Link>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {incident.canWork && s && (s.organisations.length > 0 || s.systems.length > 0) ? (
        <>
          <Typography.Title level={5}>{t('cases.detail.suggestions')}</Typography.Title>
          <List
            size="small"
            data-testid="incident-suggestions"
            dataSource={[
              ...s.organisations.map((o) => ({
                key: `o${o.id}`,
                label: `${o.code} — ${o.name}`,
                matches: o.matches,
                add: () => addOrg.mutate(o.id, { onError }),
              })),
              ...s.systems.map((x) => ({
                key: `s${x.id}`,
                label: `${x.code} — ${x.name}`,
                matches: x.matches,
                add: () => addSystem.mutate(x.id, { onError }),
              })),
            ]}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Button key="add" size="small" onClick={item.add}>
                    {t('cases.detail.add')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={item.label} description={item.matches.join(', ')} />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Card>
  );
}
