import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { EventStoreDBClient, type ChannelCredentialOptions } from '@eventstore/db-client';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString.js';
import { BadStoreUrlError } from '../errors.js';

interface ParsedEsdbUrl {
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

const file = (path: string, what: string) => {
  const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
  if (!existsSync(absolute)) throw new BadStoreUrlError(`store URL: the ${what} file was not found`);
  return readFileSync(absolute);
};

/**
 * The client for a connection string without credentials, with the credentials as its default user:
 * what `EventStoreDBClient.connectionString` does (client 6.2.1, Client/index.js), without handing
 * the client a string or call options that hold the password (it logs both).
 */
export function clientFor(withoutCredentials: string, credentials: ParsedEsdbUrl['credentials']): EventStoreDBClient {
  const options = parseConnectionString(withoutCredentials);
  const channel: ChannelCredentialOptions = { insecure: options.tls === false };
  if (options.tlsCAFile && !channel.insecure) channel.rootCertificate = file(options.tlsCAFile, 'tlsCAFile');
  if (options.userCertFile || options.userKeyFile) {
    if (!options.userCertFile || !options.userKeyFile) throw new BadStoreUrlError('store URL: userCertFile must be given with userKeyFile');
    channel.userCertFile = file(options.userCertFile, 'userCertFile');
    channel.userKeyFile = file(options.userKeyFile, 'userKeyFile');
  }
  const common = {
    throwOnAppendFailure: options.throwOnAppendFailure,
    keepAliveInterval: options.keepAliveInterval,
    keepAliveTimeout: options.keepAliveTimeout,
    defaultDeadline: options.defaultDeadline,
    connectionName: options.connectionName,
  };
  const cluster = { nodePreference: options.nodePreference, discoveryInterval: options.discoveryInterval, gossipTimeout: options.gossipTimeout, maxDiscoverAttempts: options.maxDiscoverAttempts };
  const [first] = options.hosts;
  if (!first) throw new BadStoreUrlError('store URL: an EventStoreDB connection string needs at least one host:port');
  const settings = options.dnsDiscover ? { discover: first, ...cluster, ...common } : options.hosts.length > 1 ? { endpoints: options.hosts, ...cluster, ...common } : { endpoint: first, ...common };
  // Options the string leaves out are undefined, and the constructor gives them its defaults.
  return new EventStoreDBClient(settings as ConstructorParameters<typeof EventStoreDBClient>[0], channel, credentials ?? options.defaultCredentials);
}
