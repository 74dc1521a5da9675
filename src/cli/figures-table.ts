import type { SteeringFigures } from '../../queries/steering-figures.js';

const ROWS: ReadonlyArray<readonly [keyof SteeringFigures, string]> = [
  ['jointPasses', 'Gemensamma arbetspass med polisen / joint passes'],
  ['exposed', 'Utsatta i prostitution / exposed'],
  ['exposedUnder18', '  varav under 18 år / of whom under 18'],
  ['suspectedBuyers', 'Misstänkta sexköpare / suspected buyers'],
  ['suspectedBuyersUnder18', '  varav under 18 år / of whom under 18'],
  ['offeredSupport', 'Erbjudits stöd / offered support'],
];

/** The figures as a two-language table for a terminal. */
export function figuresTable(figures: SteeringFigures, context: { tertial?: string; asOf?: string }): string {
  const width = Math.max(...ROWS.map(([, label]) => label.length)) + 2;
  const lines = [
    'Samlogg – styrgruppens nyckeltal / steering figures',
    `Period (passdatum / pass dates): ${figures.from} – ${figures.to}${context.tertial ? ` (${context.tertial})` : ''}`,
    context.asOf ? `Som loggen stod / as the log stood: ${context.asOf}` : 'Som loggen står nu / as the log stands now',
    '',
    ...ROWS.map(([key, label]) => `${label.padEnd(width)}${String(figures[key]).padStart(6)}`),
  ];
  return lines.join('\n');
}
