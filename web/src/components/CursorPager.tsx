import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface CursorPagerState {
  cursor: string | null;
  limit: PageSize;
  page: number;
  hasPrevious: boolean;
  next: (nextCursor: string) => void;
  previous: () => void;
  setLimit: (limit: PageSize) => void;
}

/**
 * Cursor-based paging: the server only knows "the page after this cursor", so the
 * cursors of the pages already visited are kept on a stack to be able to go back.
 * The stack is reset whenever `resetKey` (the serialised filters) changes.
 */
export function useCursorPager(resetKey: string): CursorPagerState {
  const [limit, setLimitState] = useState<PageSize>(20);
  const [stack, setStack] = useState<string[]>([]);
  const [seenKey, setSeenKey] = useState(resetKey);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setStack([]);
  }
  return {
    cursor: stack.length > 0 ? (stack[stack.length - 1] ?? null) : null,
    limit,
    page: stack.length + 1,
    hasPrevious: stack.length > 0,
    next: (nextCursor) => setStack((current) => [...current, nextCursor]),
    previous: () => setStack((current) => current.slice(0, -1)),
    setLimit: (value) => {
      setLimitState(value);
      setStack([]);
    },
  };
}

interface CursorPagerProps {
  pager: CursorPagerState;
  nextCursor: string | null | undefined;
  rowCount?: number;
  loading?: boolean;
}

export function CursorPager({ pager, nextCursor, rowCount, loading }: CursorPagerProps) {
  const { t } = useTranslation();
  return (
    <div className="cursor-pager">
      <Typography.Text type="secondary">
        {t('pager.page', { page: pager.page })}
        {rowCount !== undefined ? ` · ${t('pager.rows', { count: rowCount })}` : ''}
      </Typography.Text>
      <Space wrap>
        <Select<PageSize>
          data-testid="pager-size"
          value={pager.limit}
          onChange={pager.setLimit}
          options={PAGE_SIZES.map((size) => ({ value: size, label: t('pager.pageSize', { size }) }))}
          style={{ width: 120 }}
        />
        <Button
          data-testid="pager-prev"
          icon={<LeftOutlined />}
          disabled={!pager.hasPrevious || loading}
          onClick={pager.previous}
        >
          {t('pager.previous')}
        </Button>
        <Button
          data-testid="pager-next"
          disabled={!nextCursor || loading}
          onClick={() => {
            if (nextCursor) pager.next(nextCursor);
          }}
        >
          {t('pager.next')} <RightOutlined />
        </Button>
      </Space>
    </div>
  );
}
