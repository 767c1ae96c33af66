import type { App } from 'antd';
import { isApiError } from '../api/client';
import i18n from '../i18n';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

// antd's message API lives in React context (App.useApp); the query cache reports
// errors outside React. NotifierBridge (inside <App>) registers the instance here.

let messageApi: MessageInstance | null = null;

export function registerMessageApi(api: MessageInstance | null): void {
  messageApi = api;
}

/** Text to show for any thrown value; API errors carry a message localised by the server. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message || i18n.t('errors.http', { status: error.status });
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}

export function notifyError(error: unknown): void {
  const text = errorText(error);
  if (messageApi) void messageApi.error({ content: text, key: text });
  else console.error(text);
}

export function notifySuccess(text: string): void {
  if (messageApi) void messageApi.success(text);
}

export function notifyInfo(text: string): void {
  if (messageApi) void messageApi.info({ content: text, key: text });
}
