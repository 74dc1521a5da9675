import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { recordCommands } from '../../src/application/record-commands.js';
import { loadOrCreateReportKey } from '../../src/application/report-key.js';
import { reportFingerprint, signReport, type SignedReport } from '../../src/application/signed-report.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lastJson, runCli } from '../support/cli.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { recordDemo } from '../support/demo.js';
import { startServer, type RunningServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const NOW = new Date('2026-11-15T12:00:00+01:00');

describe('Signed reports: a report that proves itself, checked against the log later', function () {
  this.timeout(120_000);
  let server: RunningServer;
  const temp = tempDir();
  let env: Record<string, string>;

  before(async () => {
    server = await startServer(recordDemo, { now: NOW });
    env = { SAMLOGG_STORE: `sqlite:${server.store.path}`, SAMLOGG_REPORT_KEY: join(server.store.path, '..', 'report-signing-key.json'), SAMLOGG_NOW: NOW.toISOString() };
  });
  after(async () => {
    await server.stop();
    temp.remove();
  });

  const download = async (query = '') => {
    const response = await fetch(`${server.url}/reports/tertial/2022-T2.json${query}`, { headers: await server.authorization({ role: 'styrgrupp', org: 'STYRGRUPPEN' }) });
    expect(response.status).to.equal(200);
    return (await response.json()) as SignedReport;
  };
  const save = (report: unknown, name = `${randomUUID()}.json`) => {
    const path = join(temp.dir, name);
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
    return path;
  };

  it('downloads as JSON with its figures, period, as-of instant, position and chain head, signed with the published key', async () => {
    const report = await download();
    const head = await server.store.headPosition();
    expect(report).to.deep.include({ format: 'samlogg-report/v1', kind: 'tertial', period: '2022-T2', disclosure: 'INTERNAL', store: 'sqlite' });
    expect(report.position).to.equal(head);
    expect(report.chainHead).to.match(new RegExp(`^${head}:[0-9a-f]{64}$`));
    expect((report.report as { summary: { cumulative: Record<string, number> } }).summary.cumulative).to.deep.include({ jointPasses: 201, exposed: 364, exposedUnder18: 18, suspectedBuyers: 306, suspectedBuyersUnder18: 3 });
    const keys = (await (await fetch(`${server.url}/.well-known/samlogg-report-keys.json`)).json()) as { keys: Array<{ kid: string; kty: string; crv: string; d?: string }> };
    expect(keys.keys).to.have.length(1);
    expect(keys.keys[0]).to.deep.include({ kid: report.signature.kid, kty: 'OKP', crv: 'Ed25519' });
    expect(keys.keys[0]?.d, 'the private half is never published').to.equal(undefined);
    const printed = await runCli(['report-key'], env);
    expect(printed.code, printed.stderr).to.equal(0);
    expect(lastJson<{ keys: Array<{ kid: string }> }>(printed.stdout).keys[0]?.kid).to.equal(report.signature.kid);
  });

  it('puts the same position, chain head and fingerprint on the page, the CSV and the XLSX as in the signed JSON', async () => {
    const headers = await server.authorization({ role: 'styrgrupp', org: 'STYRGRUPPEN' });
    const signed = await download();
    const page = (await (await fetch(`${server.url}/reports/tertial/2022-T2.json?view=page`, { headers })).json()) as { position: number; proof: { chainHead: string; fingerprint: string } };
    const fingerprint = reportFingerprint(signed);
    expect(page.position).to.equal(signed.position);
    expect(page.proof).to.deep.include({ chainHead: signed.chainHead, fingerprint });
    const csv = await (await fetch(`${server.url}/reports/tertial/2022-T2.csv`, { headers })).text();
    expect(csv).to.include(`loggposition / log position ${signed.position}`).and.include(`fingerprint ${fingerprint}`).and.include(`chain head ${signed.chainHead}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await fetch(`${server.url}/reports/tertial/2022-T2.xlsx`, { headers })).arrayBuffer()) as never);
    for (const sheet of workbook.worksheets) {
      const text = sheet.getSheetValues().flat().map(String).join('\n');
      expect(text, sheet.name).to.include(`fingerprint ${fingerprint}`).and.include(`chain head ${signed.chainHead}`);
    }
  });

  it('signs the year report too, INTERNAL and PUBLIC, and verifies both', async () => {
    const headers = await server.authorization({ role: 'styrgrupp', org: 'STYRGRUPPEN' });
    for (const disclosure of ['INTERNAL', 'PUBLIC']) {
      const year = (await (await fetch(`${server.url}/reports/year/2022.json?disclosure=${disclosure}`, { headers })).json()) as SignedReport;
      expect(year).to.deep.include({ kind: 'year', period: '2022', disclosure });
      const run = await runCli(['verify-report', save(year)], env);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
    }
  });

  it('shows under PUBLIC a year count only where the tertials’ PUBLIC reports show every count it adds up', async () => {
    type Page = { summary: { current: Record<string, number | null> }; encountersByRoleAndAgeBand: Array<{ role: string; ageBand: string; encounters: { value: number | null } }> };
    const headers = await server.authorization({ role: 'styrgrupp', org: 'STYRGRUPPEN' });
    const page = async (path: string) => (await (await fetch(`${server.url}${path}?view=page&disclosure=PUBLIC`, { headers })).json()) as Page;
    const year = await page('/reports/year/2022.json');
    const tertials = await Promise.all(['2022-T1', '2022-T2', '2022-T3'].map((t) => page(`/reports/tertial/${t}.json`)));
    let masked = 0;
    for (const field of ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18', 'offeredSupport']) {
      const parts = tertials.map((t) => t.summary.current[field] ?? null);
      const shown = year.summary.current[field] ?? null;
      if (parts.some((p) => p === null)) expect(shown, field).to.equal(null);
      else expect(shown, field).to.equal(parts.reduce((a, b) => (a as number) + (b as number), 0));
      if (shown === null) masked += 1;
    }
    for (const cell of year.encountersByRoleAndAgeBand) {
      const parts = tertials.map((t) => {
        const found = t.encountersByRoleAndAgeBand.find((c) => c.role === cell.role && c.ageBand === cell.ageBand);
        return found ? found.encounters.value : 0;
      });
      if (parts.some((p) => p === null)) expect(cell.encounters.value, `${cell.role} ${cell.ageBand}`).to.equal(null);
      else expect(cell.encounters.value, `${cell.role} ${cell.ageBand}`).to.equal(parts.reduce((a, b) => (a as number) + (b as number), 0));
      if (cell.encounters.value === null) masked += 1;
    }
    expect(masked, 'the demo year has masked counts').to.be.greaterThan(0);
  });

  it('refuses a download without sign-in, to a role that may not read the report, and with a bad disclosure', async () => {
    expect((await fetch(`${server.url}/reports/tertial/2022-T2.json`)).status).to.equal(401);
    const field = await fetch(`${server.url}/reports/tertial/2022-T2.json`, { headers: await server.authorization({ role: 'field', org: 'MIKA' }) });
    expect(field.status).to.equal(403);
    const bad = await fetch(`${server.url}/reports/tertial/2022-T2.json?disclosure=ALL`, { headers: await server.authorization() });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { errors: Array<{ extensions: { field: string } }> }).errors[0]?.extensions.field).to.equal('disclosure');
  });

  it('verifies later, after the log has grown: signature, chain head at its position, every figure derived again (INTERNAL and PUBLIC)', async () => {
    const internal = save(await download());
    const publicReport = save(await download('?disclosure=PUBLIC'));
    const later = recordPass({ date: '2022-06-02', units: ['POLIS', 'KAST'] });
    const recorded = await recordCommands(server.store, [later, recordEncounter(later.passId)], { actor: { userId: 't', org: 'KAST', role: 'field' }, correlationId: 't', now: NOW });
    expect(recorded.ok).to.equal(true);
    for (const file of [internal, publicReport]) {
      const run = await runCli(['verify-report', file, '--json'], env);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.include('verified');
      expect(lastJson(run.stdout)).to.deep.include({ verified: true, differences: [] });
    }
    // The published key alone is enough: no access to the server's key file.
    const keysFile = save(await (await fetch(`${server.url}/.well-known/samlogg-report-keys.json`)).json());
    const withPublished = await runCli(['verify-report', internal, '--public-key', keysFile], { ...env, SAMLOGG_REPORT_KEY: join(temp.dir, 'no-key-here.json') });
    expect(withPublished.code, withPublished.stdout + withPublished.stderr).to.equal(0);
  });

  it('fails, naming what differs, when one number is edited', async () => {
    const report = await download();
    const edited = structuredClone(report) as SignedReport & { report: { summary: { current: { exposed: number } } } };
    edited.report.summary.current.exposed += 1;
    const run = await runCli(['verify-report', save(edited), '--json'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.include('signature: INVALID');
    expect(run.stdout).to.include('report.summary.current.exposed');
    expect(run.stdout).to.include('NOT verified');
    expect(reportFingerprint(edited)).not.to.equal(reportFingerprint(report));
  });

  it('fails when the report was signed with another key, even with the right numbers', async () => {
    const report = await download();
    const other = await loadOrCreateReportKey(join(temp.dir, 'other-key.json'));
    const resigned = signReport(report, other);
    const run = await runCli(['verify-report', save(resigned), '--json'], env);
    expect(run.code).to.equal(1);
    expect(lastJson<{ signature: { valid: boolean; reason: string } }>(run.stdout).signature).to.deep.include({ valid: false });
    expect(lastJson<{ differences: unknown[] }>(run.stdout).differences).to.deep.equal([]);
  });

  it('says when a report was made by other rules than the checking program’s, so a difference is not blamed on the log alone', async () => {
    const report = await download('?disclosure=PUBLIC');
    const older = signReport({ ...report, rules: report.rules + 1 }, server.reportKey);
    const run = await runCli(['verify-report', save(older), '--json'], env);
    expect(run.stdout).to.include(`rules: the report was made by rules version ${report.rules + 1}`);
    expect(lastJson<{ rules: { report: number; derived: number } }>(run.stdout).rules).to.deep.equal({ report: report.rules + 1, derived: report.rules });
  });

  it('fails when the log below the report’s position was altered, and when the log is another one with the same figures', async () => {
    const file = save(await download());
    const copy = join(temp.dir, 'altered.db');
    await new Promise((r) => setTimeout(r, 50));
    const db = new Database(server.store.path, { readonly: true });
    await db.backup(copy);
    db.close();
    copyFileSync(join(server.store.path, '..', 'report-signing-key.json'), join(temp.dir, 'report-key-copy.json'));
    const altered = new Database(copy);
    // An edit around the store: a corrected age band written into the row instead of recorded.
    const row = altered.prepare("SELECT position, data FROM events WHERE type = 'PersonEncountered' ORDER BY position LIMIT 1").get() as { position: number; data: string };
    altered.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace(/"ageBand":"[A-Z0-9_]+"/, '"ageBand":"UNDER_15"'), row.position);
    altered.close();
    const run = await runCli(['verify-report', file, '--json'], { ...env, SAMLOGG_STORE: `sqlite:${copy}` });
    expect(run.code).to.equal(1);
    expect(lastJson<{ chain: { ok: boolean; detail: string } }>(run.stdout).chain).to.deep.include({ ok: false });
    expect(run.stdout).to.include(`broken at position ${row.position}`);

    // The same demo log recorded afresh: the same figures, but not the log the report was drawn from.
    const twin = openSqliteStore(join(temp.dir, 'twin.db'));
    await recordDemo(twin);
    await twin.close();
    const other = await runCli(['verify-report', file], { ...env, SAMLOGG_STORE: `sqlite:${join(temp.dir, 'twin.db')}` });
    expect(other.code).to.equal(1);
    expect(other.stdout, other.stdout).to.match(/chain: .*(rewritten|ends at position|broken)/);
  });

  it('signs a report as presented at an earlier instant, and verifies it against the log that has moved on since', async () => {
    const events = [];
    for await (const page of server.store.readAll()) events.push(...page);
    const presented = events[events.length - 1]?.recordedAt as string;
    await new Promise((r) => setTimeout(r, 20));
    const pass = recordPass({ date: '2022-06-03', units: ['POLIS', 'MIKA'] });
    expect((await recordCommands(server.store, [pass, recordEncounter(pass.passId)], { actor: { userId: 't', org: 'MIKA', role: 'field' }, correlationId: 't', now: NOW })).ok).to.equal(true);
    await server.samlogg.engine.waitFor(await server.store.headPosition());
    const asPresented = await download(`?asOf=${encodeURIComponent(presented)}`);
    const now = await download();
    expect(asPresented.position).to.be.lessThan(now.position);
    expect(asPresented.asOf).to.equal(new Date(presented).toISOString());
    const exposed = (r: SignedReport) => (r.report as { summary: { current: { exposed: number } } }).summary.current.exposed;
    expect(exposed(now)).to.equal(exposed(asPresented) + 1);
    const run = await runCli(['verify-report', save(asPresented)], env);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
  });

  it('refuses a file that is not a signed report, naming the field, exit 2', async () => {
    const report = await download();
    const { position: _position, ...withoutPosition } = report;
    const run = await runCli(['verify-report', save(withoutPosition)], env);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('position: must be a number');
    const notJson = join(temp.dir, 'not.json');
    writeFileSync(notJson, 'figures: 201');
    expect((await runCli(['verify-report', notJson], env)).code).to.equal(2);
  });
});
