import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

/**
 * The key the server signs reports with (Ed25519). Made on first use beside the log's other local
 * files and readable by its owner only; its public half is published at /.well-known/samlogg-report-keys.json
 * and printed by `samlogg report-key`, so anyone can check a report without access to the server.
 */
const DEFAULT_REPORT_KEY_PATH = './data/report-signing-key.json';

export interface ReportSigningKey {
  /** RFC 7638 thumbprint of the public key: names the key in every signature. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: JWK;
}

export interface ReportPublicKey {
  readonly kid: string;
  readonly publicKey: KeyObject;
}

export function reportKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAMLOGG_REPORT_KEY ?? DEFAULT_REPORT_KEY_PATH;
}

async function publicOf(publicKey: KeyObject): Promise<{ kid: string; publicJwk: JWK }> {
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x } as JWK);
  return { kid, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: 'EdDSA', use: 'sig' } as JWK };
}

export async function loadOrCreateReportKey(path = reportKeyPath()): Promise<ReportSigningKey> {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx': two processes starting at once must not overwrite each other's key.
    try {
      writeFileSync(path, `${JSON.stringify({ privateJwk: privateKey.export({ format: 'jwk' }) })}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  const stored = JSON.parse(readFileSync(path, 'utf8')) as { privateJwk: JWK };
  const privateKey = createPrivateKey({ key: stored.privateJwk as never, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, ...(await publicOf(publicKey)) };
}

/** Public keys from a JWK or a JWK set (as published at the well-known path). */
export async function publicKeysFrom(json: unknown): Promise<ReportPublicKey[]> {
  const list = Array.isArray((json as { keys?: unknown })?.keys) ? ((json as { keys: unknown[] }).keys) : [json];
  const keys: ReportPublicKey[] = [];
  for (const jwk of list) {
    const j = jwk as JWK;
    if (j?.kty !== 'OKP' || j.crv !== 'Ed25519' || typeof j.x !== 'string') continue;
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: j.x } as never, format: 'jwk' });
    keys.push({ publicKey, kid: (await publicOf(publicKey)).kid });
  }
  return keys;
}

export function publishedKeySet(key: ReportSigningKey): { keys: JWK[] } {
  return { keys: [key.publicJwk] };
}
