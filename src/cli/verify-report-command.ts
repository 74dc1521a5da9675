import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { loadOrCreateReportKey, publicKeysFrom, reportKeyPath, type ReportPublicKey } from '../application/report-key.js';
import { differences, REPORT_FORMAT, reportFingerprint, verifyReportSignature, type SignedReport } from '../application/signed-report.js';
import { describeError } from '../domain/errors.js';
import { logProofOf } from '../store/log-proof.js';
import { rederiveReport } from '../reports/proven-report.js';
import { REPORT_RULES_VERSION } from '../reports/report-source.js';
import { withStore, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

const signedReportSchema = z.object({
  format: z.literal(REPORT_FORMAT, { error: `must be ${REPORT_FORMAT}` }),
  kind: z.string({ error: 'must be given' }),
  period: z.string({ error: 'must be given' }),
  disclosure: z.string({ error: 'must be given' }),
  threshold: z.number({ error: 'must be a number' }).int().nonnegative(),
  asOf: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant' }),
  extractedAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant' }),
  position: z.number({ error: 'must be a number' }).int().nonnegative(),
  chainHead: z.string().regex(/^\d+:[0-9a-f]*$/, 'must be written position:hex').nullable(),
  store: z.string({ error: 'must be given' }),
  rules: z.number({ error: 'must be a number' }).int().positive(),
  report: z.unknown(),
  signature: z.object({ alg: z.literal('EdDSA', { error: 'must be EdDSA' }), kid: z.string(), value: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url') }, { error: 'must be given' }),
});

function readReport(file: string): SignedReport {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'must be a JSON report as downloaded from /reports/…/<period>.json'}`);
  }
  const parsed = signedReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join('.') || '(whole)'}: ${issue?.message ?? 'is not a signed report'}`);
  }
  return parsed.data as SignedReport;
}

async function keysFor(io: CliIo, publicKeyFile: string | undefined): Promise<ReportPublicKey[]> {
  if (publicKeyFile) {
    try {
      return await publicKeysFrom(JSON.parse(readFileSync(publicKeyFile, 'utf8')));
    } catch {
      throw new UsageError(`--public-key: must be a JWK or JWK set file (as served at /.well-known/samlogg-report-keys.json)`);
    }
  }
  const path = reportKeyPath(io.env as NodeJS.ProcessEnv);
  if (!existsSync(path)) throw new UsageError(`no report key at ${path}: give --public-key FILE (the server's /.well-known/samlogg-report-keys.json) or SAMLOGG_REPORT_KEY`);
  return [await loadOrCreateReportKey(path)];
}

const show = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));

export function verifyReportCommand(io: CliIo): Command {
  return new Command('verify-report')
    .description('kontrollera en signerad rapport mot loggen / check a signed report: signature, chain head at its position, every figure derived again')
    .argument('<file>', 'the report as JSON (downloaded from /reports/tertial/<tertial>.json)')
    .option('--public-key <file>', 'check the signature with this JWK set instead of the local report key')
    .option('--json', 'print the verdict as one JSON object on the last line')
    .action(async (file: string, options: { publicKey?: string; json?: boolean }, command: Command) => {
      const signed = readReport(file);
      const signature = verifyReportSignature(signed, await keysFor(io, options.publicKey));
      const verdict = await withStore(io, command.optsWithGlobals<GlobalOptions>(), async (opened) => {
        const head = await opened.store.headPosition();
        const proof = logProofOf(opened.store);
        let chain: { checked: boolean; ok: boolean; detail: string };
        if (head < signed.position) chain = { checked: true, ok: false, detail: `the log ends at position ${head}, before the report's position ${signed.position}` };
        else if (proof.kind === 'none') chain = { checked: false, ok: true, detail: `not kept by this store (${opened.store.kind}): the log below the position cannot be tied to its bytes; the figures are derived again below` };
        else if (signed.chainHead === null) chain = { checked: false, ok: false, detail: 'the report names no chain head, but this log keeps a chain' };
        else {
          const prefix = proof.verifyTo(signed.position);
          chain = !prefix?.intact
            ? { checked: true, ok: false, detail: `broken at position ${prefix?.brokenAt}: ${prefix?.reason}` }
            : prefix.head === signed.chainHead
              ? { checked: true, ok: true, detail: `intact up to position ${signed.position}, head ${prefix.head}` }
              : { checked: true, ok: false, detail: `the head at position ${signed.position} is ${prefix.head}, the report says ${signed.chainHead}: the log below the position was rewritten` };
        }
        const derived = await rederiveReport(opened.store, signed);
        if ('code' in derived) throw new UsageError(describeError(derived));
        return { chain, differences: differences(signed.report, derived.report, 'report') };
      });
      const verified = signature.valid && verdict.chain.ok && verdict.differences.length === 0;
      const lines = [
        `report ${signed.kind} ${signed.period} (${signed.disclosure}), as of ${signed.asOf}, position ${signed.position}, fingerprint ${reportFingerprint(signed)}`,
        `signature: ${signature.valid ? `valid (key ${signature.kid})` : `INVALID: ${signature.reason}`}`,
        `chain: ${verdict.chain.detail}`,
        ...(signed.rules === REPORT_RULES_VERSION
          ? []
          : [`rules: the report was made by rules version ${signed.rules}, this program derives by version ${REPORT_RULES_VERSION}: a difference below may come from the rules, not the log`]),
        verdict.differences.length === 0
          ? 'figures: every figure derived again from the log matches'
          : `figures: ${verdict.differences.length} differ from the log:\n${verdict.differences.map((d) => `  ${d.path}: report ${show(d.signed)}, log ${show(d.derived)}`).join('\n')}`,
        verified ? 'verified' : 'NOT verified',
      ];
      io.stdout.write(`${lines.join('\n')}\n`);
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ verified, signature, chain: verdict.chain, rules: { report: signed.rules, derived: REPORT_RULES_VERSION }, differences: verdict.differences, fingerprint: reportFingerprint(signed), position: signed.position })}\n`);
      }
      if (!verified) io.exitCode = 1;
    });
}

export function reportKeyCommand(io: CliIo): Command {
  return new Command('report-key')
    .description('visa den publika nyckeln som rapporter signeras med / print the public key reports are signed with (a JWK set)')
    .action(async () => {
      const path = reportKeyPath(io.env as NodeJS.ProcessEnv);
      const key = await loadOrCreateReportKey(path);
      io.stdout.write(`kid ${key.kid} (${path})\n${JSON.stringify({ keys: [key.publicJwk] })}\n`);
    });
}
