import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parse } from 'yaml';
import { parseEsdbUrl } from '../../src/store/esdb/esdb-url.js';

/**
 * No Docker engine runs here: the compose file and the Dockerfile are read and checked as the server
 * would read its options (EventStoreDB 24.10, `Configuration/ClusterVNodeOptions.cs`: the IP options
 * are `IPAddress`, parsed with `IPAddress.Parse`, and the server exits on a host name; gossip seeds
 * are `EndPoint`s and are only used with `DiscoverViaDns` false), so a change that breaks them fails.
 */
interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  networks?: Record<string, { ipv4_address?: string } | null> | string[];
}

// Compose reads ${VAR:?message} from the environment; the check reads the file as written.
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const dockerignore = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8');

/** What compose makes of ${VAR:?message} once VAR is set. */
const interpolated = (value: string) => value.replace(/\$\{[A-Z_]+(?::[?-][^}]*)?\}/g, 'pass%2Fword');

/** Semantic version x.y.z (with an optional -suffix such as -jammy), as a tuple. */
function semver(tag: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/.exec(tag);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** The options of ClusterVNodeOptions 24.10 typed IPAddress: the server refuses anything else. */
const IP_OPTIONS = ['EVENTSTORE_REPLICATION_IP', 'EVENTSTORE_NODE_IP', 'EVENTSTORE_INT_IP', 'EVENTSTORE_EXT_IP'];

describe('docker-compose.yml and Dockerfile (esdb deployment, checked without Docker)', () => {
  const { services } = compose;
  const named = (volume: string) => volume.split(':')[0] as string;
  const nodes = ['node1', 'node2', 'node3'];
  const esdbServices = Object.entries(services).filter(([, s]) => s.image?.startsWith('eventstore/eventstore:') && s.environment?.EVENTSTORE_CLUSTER_SIZE);

  it('esdb: pins one full 24.10.x image for every node, and reads semantic versions properly', () => {
    expect(semver('24.10.4-jammy')).to.deep.equal([24, 10, 4]);
    expect(semver('24.10')).to.equal(undefined);
    expect(semver('24.1')).to.equal(undefined);
    expect(esdbServices.map(([name]) => name)).to.have.members(['eventstore', ...nodes, 'eventstore-dev']);
    const images = new Set(esdbServices.map(([, s]) => s.image));
    expect(images.size).to.equal(1);
    const [repository, tag] = (esdbServices[0]?.[1].image ?? '').split(':');
    expect(repository).to.equal('eventstore/eventstore');
    const version = semver(tag ?? '');
    expect(version, `tag ${tag}`).to.not.equal(undefined);
    expect(version?.slice(0, 2)).to.deep.equal([24, 10]);
  });

  it('esdb: every IP-typed server option is an IP address, never a host name', () => {
    let checked = 0;
    for (const [name, service] of esdbServices) {
      for (const option of IP_OPTIONS) {
        const value = service.environment?.[option];
        if (value === undefined) continue;
        checked += 1;
        expect(isIP(value), `${name} ${option}=${value}`).to.not.equal(0);
      }
    }
    expect(checked).to.be.at.least(nodes.length);
  });

  it('esdb: the default profile is secure: TLS with certificates from a one-shot service, a set admin password, no EventStoreDB port published', () => {
    const store = services.eventstore as Service;
    expect(store.profiles).to.equal(undefined);
    expect(store.environment?.EVENTSTORE_INSECURE).to.equal('false');
    expect(store.environment?.EVENTSTORE_CERTIFICATE_FILE).to.match(/^\/certs\//);
    expect(store.environment?.EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH).to.equal('/certs/ca');
    expect(store.environment?.EVENTSTORE_DEFAULT_ADMIN_PASSWORD).to.match(/^\$\{ESDB_ADMIN_PASSWORD:\?/);
    expect(store.ports, 'gRPC and the admin UI stay inside the network').to.equal(undefined);
    expect(store.depends_on?.certs?.condition).to.equal('service_completed_successfully');
    expect((services.certs as Service).image).to.match(/^eventstore\/es-gencert-cli:\d+\.\d+\.\d+$/);
    expect(store.healthcheck?.test.join(' ')).to.include('https://eventstore:2113/health/live');
    expect(store.volumes?.map(named)).to.deep.equal(['eventstore-data', 'certs']);

    const app = services.app as Service;
    expect(app.build).to.equal('.');
    expect(app.environment?.NODE_ENV).to.equal('production');
    expect(app.depends_on?.['esdb-user']?.condition).to.equal('service_completed_successfully');
    expect(app.healthcheck?.test.join(' ')).to.include('/readyz');
    const parsed = parseEsdbUrl(interpolated(app.environment?.SAMLOGG_STORE ?? ''));
    expect(parsed.credentials).to.deep.equal({ username: 'samlogg', password: 'pass/word' });
    expect(parsed.withoutCredentials).to.equal('esdb://eventstore:2113?tls=true&tlsCAFile=/certs/ca/ca.crt');
    expect(parsed.withoutCredentials).to.not.include('pass');
    for (const service of Object.values(services)) for (const volume of service.volumes ?? []) expect(compose.volumes).to.have.property(named(volume));
  });

  it('esdb: insecure mode exists only in the dev profile, with its ports on localhost', () => {
    for (const [name, service] of Object.entries(services)) {
      const insecure = service.environment?.EVENTSTORE_INSECURE === 'true' || /tls=false/.test(service.environment?.SAMLOGG_STORE ?? '');
      if (insecure) expect(service.profiles, name).to.deep.equal(['dev']);
      if (service.profiles?.includes('dev')) for (const port of service.ports ?? []) expect(port, name).to.match(/^127\.0\.0\.1:/);
    }
    expect(services['eventstore-dev']?.environment?.EVENTSTORE_INSECURE).to.equal('true');
  });

  it('esdb: the cluster profile: three secure nodes on fixed IPs, gossip seeds by IP with DNS discovery off, and an app that uses the seeds', () => {
    for (const [n, name] of nodes.entries()) {
      const node = services[name] as Service;
      const env = node.environment ?? {};
      expect(node.profiles, name).to.deep.equal(['cluster']);
      expect(env.EVENTSTORE_CLUSTER_SIZE, name).to.equal('3');
      expect(env.EVENTSTORE_DISCOVER_VIA_DNS, name).to.equal('false');
      expect(env.EVENTSTORE_INSECURE, name).to.equal('false');
      expect(env.EVENTSTORE_CERTIFICATE_FILE, name).to.equal(`/certs/${name}/node.crt`);
      const address = (node.networks as Record<string, { ipv4_address?: string }>).esdb?.ipv4_address;
      expect(env.EVENTSTORE_REPLICATION_IP, name).to.equal(address);
      expect(env.EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS, name).to.equal(name);
      const seeds = (env.EVENTSTORE_GOSSIP_SEED ?? '').split(',');
      const others = nodes.filter((_, m) => m !== n).map((other) => (services[other]?.networks as Record<string, { ipv4_address?: string }>).esdb?.ipv4_address);
      expect(seeds.map((seed) => seed.split(':')[0]), name).to.have.members(others as string[]);
      for (const seed of seeds) {
        expect(isIP(seed.split(':')[0] ?? ''), seed).to.equal(4);
        expect(seed.split(':')[1], seed).to.equal('2113');
      }
      expect(node.healthcheck, name).to.not.equal(undefined);
      expect(node.ports, name).to.equal(undefined);
      expect(compose.volumes).to.have.property(`${name}-data`);
    }
    const app = services['app-cluster'] as Service;
    expect(app.profiles).to.deep.equal(['cluster']);
    const parsed = parseEsdbUrl(interpolated(app.environment?.SAMLOGG_STORE ?? ''));
    expect(parsed.withoutCredentials).to.equal('esdb://node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/certs/ca/ca.crt');
    expect(app.depends_on?.['esdb-user-cluster']?.condition).to.equal('service_completed_successfully');
    // The two apps share the /data volume (and so the data keys), never their projection states.
    expect(app.environment?.SAMLOGG_PROJECTION_STATES).to.match(/^\/data\/.+/);
    expect(services.app?.environment?.SAMLOGG_PROJECTION_STATES).to.equal(undefined);
    for (const name of nodes) expect(services['esdb-user-cluster']?.depends_on?.[name]?.condition).to.equal('service_healthy');
  });

  it('esdb: builds in stages on node:20-slim and runs as a non-root user with a /readyz health check; secrets stay out of the image', () => {
    expect(dockerfile.match(/^FROM node:20-slim/gm)).to.have.length(2);
    expect(dockerfile).to.match(/^FROM node:20-slim AS build$/m);
    expect(dockerfile).to.match(/^COPY --from=build /m);
    expect(dockerfile).to.match(/^USER node$/m);
    expect(dockerfile).to.match(/^HEALTHCHECK [\s\S]*\/readyz/m);
    for (const kept of ['node_modules', 'data', '.env', '*.keys', 'certs']) expect(dockerignore.split('\n').map((l) => l.trim()), kept).to.include(kept);
  });
});
