import { Alert, Button, Card, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddComment, useComments } from '../../../api/casework-hooks';
import type { CommentVisibility } from '../../../api/casework-types';
import { useMe } from '../../../api/hooks';
import { CursorPager, useCursorPager } from '../../../components/CursorPager';
import { hasRole } from '../../../lib/access';
import { formatDateTime } from '../../../lib/dates';
import { isIrTeam } from '../../../lib/incident-access';
import { notifyError, notifySuccess } from '../../../lib/notify';

function Composer({ incidentId, irTeam }: { incidentId: string; irTeam: boolean }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>(irTeam ? 'internal' : 'shared');
  const add = useAddComment(incidentId);
  const send = () =>
    add.mutate(
      { body, visibility: irTeam ? visibility : 'shared' },
      {
        onSuccess: () => {
          setBody('');
          notifySuccess(t('casework.comments.sent'));
        },
        onError: notifyError,
      },
    );
  return (
    <Card size="small">
      <Input.TextArea
        data-testid="comment-body"
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={t('casework.comments.placeholder')}
        maxLength={20_000}
      />
      <Space wrap style={{ marginTop: 8 }}>
        {irTeam ? (
          <Segmented<CommentVisibility>
            data-testid="comment-visibility"
            value={visibility}
            onChange={setVisibility}
            options={[
              { value: 'internal', label: t('casework.comments.internal') },
              { value: 'shared', label: t('casework.comments.shared') },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('casework.comments.sharedOnly')}</Typography.Text>
        )}
        <Button
          type="primary"
          disabled={!body.trim()}
          loading={add.isPending}
          onClick={send}
          data-testid="comment-send"
        >
          {t('casework.comments.send')}
        </Button>
      </Space>
    </Card>
  );
}

/** Comments: the IR team writes internal or shared ones; everyone else who sees the incident, shared ones. */
export default function CommentsTab({ incidentId }: { incidentId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const irTeam = isIrTeam(me.data);
  const canComment = hasRole(me.data, 'admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner');
  const pager = useCursorPager(incidentId);
  const query = useComments(incidentId, { cursor: pager.cursor, limit: pager.limit });
  const items = query.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="comments-tab">
      {query.isError ? <Alert type="error" showIcon message={query.error.message} /> : null}
      {items.length === 0 && !query.isFetching ? (
        <Empty description={t('casework.comments.empty')} />
      ) : (
        <List
          dataSource={items}
          loading={query.isFetching}
          renderItem={(c) => (
            <List.Item key={c.id} data-testid="comment">
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Typography.Text strong>{c.authorName ?? t('casework.comments.unknownAuthor')}</Typography.Text>
                    <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
                    <Tag color={c.visibility === 'internal' ? 'gold' : 'blue'}>
                      {t(`casework.comments.${c.visibility}`)}
                    </Tag>
                  </Space>
                }
                description={<div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{c.body}</div>}
              />
            </List.Item>
          )}
        />
      )}
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
      {canComment ? <Composer incidentId={incidentId} irTeam={irTeam} /> : null}
    </Space>
  );
}
