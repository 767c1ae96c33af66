import { Table, type TableProps } from 'antd';
import { CursorPager, type CursorPagerState } from './CursorPager';

interface ServerPage<T> {
  data?: { items: T[]; nextCursor: string | null };
  isFetching: boolean;
}

type ServerTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale'> & {
  testId: string;
  list: ServerPage<T>;
  pager: CursorPagerState;
  emptyText: string;
};

/** A table whose rows the server pages (keyset cursors), with the pager under it. */
export function ServerTable<T extends object>({ testId, list, pager, emptyText, ...tableProps }: ServerTableProps<T>) {
  return (
    <>
      <div data-testid={testId}>
        <Table<T>
          rowKey="id"
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText }}
          {...tableProps}
        />
      </div>
      <CursorPager
        pager={pager}
        nextCursor={list.data?.nextCursor}
        rowCount={list.data?.items.length}
        loading={list.isFetching}
      />
    </>
  );
}
