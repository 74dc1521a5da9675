import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * No Docker engine runs here: the compose file and the Dockerfile are read and checked for what
 * running them needs (images, wiring, health checks, volumes), so a change that breaks them fails.
 */
interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');

describe('docker-compose.yml and Dockerfile (esdb deployment, checked without Docker)', () => {
  const { services } = compose;
  const named = (volume: string) => volume.split(':')[0] as string;

  it('esdb: runs the app from the Dockerfile against a single EventStoreDB node (24.10 or later) with health checks and volumes', () => {
    const store = services.eventstore as Service;
    const [, version] = (store.image ?? '').split(':');
    expect(store.image).to.match(/^eventstore\/eventstore:/);
    expect(Number.parseFloat(version ?? '0')).to.be.at.least(24.1);
    expect(store.healthcheck?.test.join(' ')).to.include('/health/live');
    expect(store.volumes?.map(named)).to.deep.equal(['eventstore-data']);
    const app = services.app as Service;
    expect(app.build).to.equal('.');
    expect(app.environment?.SAMLOGG_STORE).to.equal('esdb://eventstore:2113?tls=false');
    expect(app.environment?.NODE_ENV).to.equal('production');
    expect(app.depends_on?.eventstore?.condition).to.equal('service_healthy');
    expect(app.healthcheck?.test.join(' ')).to.include('/readyz');
    for (const volume of [...(store.volumes ?? []), ...(app.volumes ?? [])]) expect(compose.volumes).to.have.property(named(volume));
  });

  it('esdb: has a cluster profile of three nodes that gossip with each other, and an app that discovers them', () => {
    const nodes = ['node1', 'node2', 'node3'];
    for (const name of nodes) {
      const node = services[name] as Service;
      expect(node.profiles, name).to.deep.equal(['cluster']);
      expect(node.image).to.equal(services.eventstore?.image);
      expect(node.environment?.EVENTSTORE_CLUSTER_SIZE, name).to.equal('3');
      const seeds = (node.environment?.EVENTSTORE_GOSSIP_SEED ?? '').split(',').map((seed) => seed.split(':')[0]);
      expect(seeds, name).to.have.members(nodes.filter((other) => other !== name));
      expect(node.healthcheck, name).to.not.equal(undefined);
      expect(compose.volumes).to.have.property(`${name}-data`);
    }
    const app = services['app-cluster'] as Service;
    expect(app.profiles).to.deep.equal(['cluster']);
    expect(app.environment?.SAMLOGG_STORE).to.match(/^esdb\+discover:\/\/node1:2113,node2:2113,node3:2113\?tls=false$/);
    for (const name of nodes) expect(app.depends_on?.[name]?.condition).to.equal('service_healthy');
  });

  it('esdb: builds in stages on node:20-slim and runs as a non-root user with a /readyz health check', () => {
    expect(dockerfile.match(/^FROM node:20-slim/gm)).to.have.length(2);
    expect(dockerfile).to.match(/^FROM node:20-slim AS build$/m);
    expect(dockerfile).to.match(/^COPY --from=build /m);
    expect(dockerfile).to.match(/^USER node$/m);
    expect(dockerfile).to.match(/^HEALTHCHECK [\s\S]*\/readyz/m);
  });
});
