import { BadStoreUrlError } from '../errors.js';

export interface ParsedEsdbUrl {
  /** The connection string with any user and password taken out: safe to log, and all the client sees. */
  readonly withoutCredentials: string;
  readonly credentials?: { readonly username: string; readonly password: string };
}

const SHAPE = /^(esdb(?:\+discover)?:\/\/)(?:([^@/?]*)@)?([^?]*)(\?.*)?$/;

/**
 * Splits `esdb://user:password@host:2113,…?tls=true&tlsCAFile=…` into a connection string without
 * credentials and the credentials. Nothing here puts the password in a message: a URL that does not
 * parse is named by its shape only.
 */
export function parseEsdbUrl(url: string): ParsedEsdbUrl {
  const match = SHAPE.exec(url);
  if (!match) throw new BadStoreUrlError('store URL: not an EventStoreDB connection string (esdb://host:2113?tls=true&tlsCAFile=…, or esdb://node1:2113,node2:2113,node3:2113?…)');
  const [, scheme, userinfo, hosts, query = ''] = match as unknown as [string, string, string | undefined, string, string | undefined];
  if (hosts.length === 0) throw new BadStoreUrlError('store URL: an EventStoreDB connection string needs at least one host:port');
  const withoutCredentials = `${scheme}${hosts}${query}`;
  let credentials: ParsedEsdbUrl['credentials'];
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    if (colon <= 0) throw new BadStoreUrlError('store URL: credentials must be user:password@ (percent-encoded)');
    try {
      credentials = { username: decodeURIComponent(userinfo.slice(0, colon)), password: decodeURIComponent(userinfo.slice(colon + 1)) };
    } catch {
      throw new BadStoreUrlError('store URL: the user or password is not valid percent-encoding');
    }
  }
  return credentials ? { withoutCredentials, credentials } : { withoutCredentials };
}
