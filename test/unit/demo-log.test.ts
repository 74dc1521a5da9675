import { expect } from 'chai';
import { DEMO_LABEL, demoCommands } from '../../src/demo/demo-log.js';
import { COMMAND_TYPES, parseCommand } from '../../src/domain/commands.js';

describe('demo log', () => {
  const commands = demoCommands();

  it('is the same on every run: same ids, same order', () => {
    expect(JSON.stringify(demoCommands())).to.equal(JSON.stringify(commands));
  });

  it('is valid, labels every pass as synthetic, and exercises every kind of command', () => {
    for (const command of commands) expect(parseCommand(command).ok, JSON.stringify(command)).to.equal(true);
    const passes = commands.filter((c) => c.type === 'RecordPass');
    for (const pass of passes) expect(pass.type === 'RecordPass' && pass.area?.startsWith(DEMO_LABEL)).to.equal(true);
    // Every command but EndAgreement: no agreement in the seeds has ended.
    expect(new Set(commands.map((c) => c.type))).to.deep.equal(new Set(COMMAND_TYPES.filter((t) => t !== 'EndAgreement')));
  });

  it('spans April 2021 to the end of August 2022 for the joint passes it counts', () => {
    const dates = commands.flatMap((c) => (c.type === 'RecordPass' ? [c.date] : [])).sort();
    expect(dates[0]).to.equal('2021-03-31');
    expect(dates.filter((d) => d > '2022-08-31')).to.deep.equal(['2022-09-06']);
  });
});
