// What a browser does in an OAuth flow, done with plain HTTP: open the authorization URL (the
// simulators consent at once and redirect), then follow the redirect to our callback server.
import { request } from 'node:http';

export interface Visit {
  status: number;
  location: string | null;
  text: string;
}

export async function visit(url: string): Promise<Visit> {
  const response = await fetch(url, { redirect: 'manual' });
  return {
    status: response.status,
    location: response.headers.get('location'),
    text: await response.text(),
  };
}

/** Opens the authorization URL and returns where the provider sends the browser back to. */
export async function authorize(
  authorizationUrl: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const url = new URL(authorizationUrl);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  const answer = await visit(url.toString());
  if (answer.status !== 302 || !answer.location)
    throw new Error(
      `the provider did not redirect (${answer.status}): ${answer.text.slice(0, 200)}`,
    );
  return answer.location;
}

/** The whole browser side: authorize, then load the callback page. */
export async function signInThroughBrowser(
  authorizationUrl: string,
  extra: Record<string, string> = {},
): Promise<Visit> {
  return visit(await authorize(authorizationUrl, extra));
}

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
export function getWithHost(url: string, host: string): Promise<Visit> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: { host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location ?? null,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A visit that may find the server gone (closed after its callback): "refused" instead of throwing. */
export async function visitOrRefused(url: string): Promise<Visit | 'refused'> {
  try {
    return await visit(url);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
      return 'refused';
    throw error;
  }
}

/** A web-mode /link URL as a member uses it: the page (GET), then its one button (POST). */
export async function openWebLink(url: string): Promise<{ page: Visit; posted: Visit }> {
  const page = await visit(url);
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: new URL(url).origin },
  });
  return {
    page,
    posted: {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    },
  };
}
