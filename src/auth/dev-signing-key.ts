import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/**
 * The development signing key: made on first start under ./data (beside the default log) and
 * readable by its owner only. It lets `samlogg token` and the dev sign-in mint tokens on a machine
 * without an identity provider; production uses OIDC and never reads this file.
 */
const DEFAULT_DEV_KEY_PATH = './data/dev-signing-key.json';
export const DEV_ISSUER = 'samlogg-dev';
export const DEV_AUDIENCE = 'samlogg';
export const DEV_ALGORITHM = 'EdDSA';

export interface DevSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

interface StoredKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
}

export async function loadOrCreateDevSigningKey(path = DEFAULT_DEV_KEY_PATH): Promise<DevSigningKey> {
  if (!existsSync(path)) {
    const pair = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
    const stored: StoredKey = { kid: randomUUID(), alg: DEV_ALGORITHM, privateJwk: await exportJWK(pair.privateKey) };
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx': two processes starting at once must not overwrite each other's key.
    try {
      writeFileSync(path, `${JSON.stringify(stored)}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
  const { d: _private, ...publicJwk } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, DEV_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, DEV_ALGORITHM)) as CryptoKey,
  };
}
