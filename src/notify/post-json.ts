import { request, type Dispatcher } from 'undici';
import { DeliveryError, isRetryableStatus } from './delivery-error.ts';

/**
 * POSTs a body and succeeds on 2xx. Receivers are configured by the operator (a webhook on an
 * internal host is a legitimate target), so unlike page fetches no address guard applies here.
 */
export async function postBody(
  dispatcher: Dispatcher,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  let status: number;
  let text = '';
  try {
    const res = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'factwatch/0.1', ...headers },
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = res.statusCode;
    text = (await res.body.text()).slice(0, 200);
  } catch (err) {
    throw new DeliveryError(`${url}: ${err instanceof Error ? err.message : String(err)}`, { retryable: true, cause: err });
  }
  if (status < 200 || status >= 300) {
    throw new DeliveryError(`${url}: HTTP ${status}${text ? ` ${text.replace(/\s+/g, ' ')}` : ''}`, {
      retryable: isRetryableStatus(status),
      status,
    });
  }
}
