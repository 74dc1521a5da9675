import { Command } from 'commander';
import { agreementRegister, agreementsOn, pendingNotifications } from '../../projections/agreements.js';
import { passRegister } from '../../projections/pass-register.js';
import { QUOTED_CONNECTED_MAY_2024 } from '../domain/county-offer.js';
import { isLocalDate, stockholmDate } from '../domain/time.js';
import { openProjectionEngine } from '../projections/engine.js';
import { PROJECTIONS } from '../projections/registry.js';
import { withStore, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

/** The county offer's agreements on a date and the notifications still to send: the projektledare's view. */
export function agreementsCommand(io: CliIo): Command {
  return new Command('agreements')
    .description('länsövergripande erbjudandet: anslutna kommuner ett datum och kommuner att underrätta / the county offer: kommuner connected on a date and notifications to send')
    .option('--on <date>', 'the date, YYYY-MM-DD (default today in Stockholm)')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: { on?: string; json?: boolean }, command: Command) => {
      if (options.on !== undefined && !isLocalDate(options.on)) throw new UsageError('--on: must be a real date written YYYY-MM-DD');
      const on = options.on ?? stockholmDate(io.now());
      const { agreements, pending } = await withStore(io, command.optsWithGlobals<GlobalOptions>(), async (opened) => {
        const engine = await openProjectionEngine(opened.store, opened.projectionStates, PROJECTIONS);
        try {
          await engine.catchUp();
          const register = engine.state(agreementRegister);
          return { agreements: agreementsOn(register, on), pending: pendingNotifications(register, engine.state(passRegister)) };
        } finally {
          await engine.close();
        }
      });
      const names = (list: typeof agreements.connected) => list.map((k) => k.name).join(', ') || '–';
      io.stdout.write(
        [
          `Länsövergripande erbjudandet / the county offer, ${on}`,
          `Anslutna / connected (${agreements.connected.length}): ${names(agreements.connected)}`,
          `Ej anslutna / not connected (${agreements.notConnected.length}): ${names(agreements.notConnected)}`,
          `Okänt / unknown (${agreements.unknown.length}): ${names(agreements.unknown)}`,
          `Citerat, ej härlett / quoted, not derived: ${QUOTED_CONNECTED_MAY_2024.text} – ${QUOTED_CONNECTED_MAY_2024.source}`,
          `Att underrätta / to notify: ${pending.length} påträffade / encounters`,
        ].join('\n') + '\n',
      );
      if (options.json) {
        const codes = (list: typeof agreements.connected) => list.map((k) => k.code);
        io.stdout.write(`${JSON.stringify({ on, connected: codes(agreements.connected), notConnected: codes(agreements.notConnected), unknown: codes(agreements.unknown), pendingNotifications: pending.length, quoted: QUOTED_CONNECTED_MAY_2024 })}\n`);
      }
    });
}
