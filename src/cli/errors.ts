/** Bad input or usage: exit code 2. Everything else that fails is exit code 1. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** Input that was read and refused (e.g. an import with bad lines); the details are already printed. */
export class InputRefused extends Error {
  readonly exitCode = 2;
}
