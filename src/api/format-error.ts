import type { GraphQLFormattedError } from 'graphql';

/**
 * What a caller may see of an error. graphql-js quotes a variable's rejected value in its message and
 * an internal failure's message can name files or SQL: an input can be sensitive and internals are
 * nobody's business, so a variable error keeps the variable's name and the rule, and an internal
 * error says only that it happened (the full error goes to the log with the request id).
 */
export function formatErrorForCaller(development: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const variable = /^Variable "\$([\w]+)" got invalid value/.exec(formatted.message);
    if (variable) {
      const rule = typeof formatted.extensions?.rule === 'string' ? formatted.extensions.rule : 'has an invalid value';
      return { ...formatted, message: `$${variable[1]}: ${rule}`, extensions: { ...formatted.extensions, field: variable[1] } };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && !development) {
      return { ...formatted, message: 'Internt fel / internal server error' };
    }
    return formatted;
  };
}
