/**
 * How the bench speaks: progress lines (stderr under --json), PASS/MISS checks against the targets,
 * and the number formats every phase prints with. Figures only: a missed target is a MISS line, never
 * a non-zero exit.
 */

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const n2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
export const fmt = (n: number): string => nf.format(n);
export const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
export const rssMb = (): number => process.resourceUsage().maxRSS / 1024;
export const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface Check {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean;
}

/** The bench's voice: every phase says what it does through one of these. */
export class Reporter {
  readonly checks: Check[] = [];
  constructor(private readonly json: boolean) {}

  readonly say = (line = ''): void => {
    if (this.json) process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };

  check(name: string, value: string, target: string, pass: boolean): void {
    this.checks.push({ name, value, target, pass });
    this.say(`  ${pass ? 'PASS' : 'MISS'}  ${name} ${value} (target ${target})`);
  }

  phase(title: string): void {
    this.say('');
    this.say(`== ${title}`);
  }

  /** The names of the targets missed, a name once per missed check. */
  missed(): string[] {
    return this.checks.filter((c) => !c.pass).map((c) => c.name);
  }
}
