import { Collapse, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Row {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Splits a `{ before, after }` diff into per-field rows; null for any other shape. */
function toRows(diff: unknown): Row[] | null {
  if (!isRecord(diff) || !('before' in diff || 'after' in diff)) return null;
  const before = diff.before ?? null;
  const after = diff.after ?? null;
  if ((before !== null && !isRecord(before)) || (after !== null && !isRecord(after))) return null;
  const fields = new Set<string>([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...fields].sort().map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: b, after: a, changed: !same(a, b) };
  });
}

/** Before/after view of an audit entry's `diff` (any JSON), with the raw JSON underneath. */
export function DiffView({ diff }: { diff: unknown }) {
  const { t } = useTranslation();
  if (diff === null || diff === undefined) {
    return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  }
  const raw = <pre className="json-block">{JSON.stringify(diff, null, 2)}</pre>;
  const rows = toRows(diff);
  if (!rows) return raw;
  return (
    <div className="diff-view" data-testid="audit-diff">
      <Table<Row>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={rows}
        rowClassName={(row) => (row.changed ? 'diff-changed' : '')}
        columns={[
          { title: t('audit.field'), dataIndex: 'field', width: 200, render: (f: string) => <code>{f}</code> },
          {
            title: t('audit.before'),
            dataIndex: 'before',
            render: (value: unknown, row) => (
              <span className={row.changed ? 'diff-before' : undefined}>{show(value)}</span>
            ),
          },
          {
            title: t('audit.after'),
            dataIndex: 'after',
            render: (value: unknown, row) => (
              <span className={row.changed ? 'diff-after' : undefined}>{show(value)}</span>
            ),
          },
        ]}
      />
      <Collapse
        ghost
        size="small"
        items={[{ key: 'raw', label: t('audit.rawJson'), children: raw }]}
        style={{ marginTop: 8 }}
      />
    </div>
  );
}
