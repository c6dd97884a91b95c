/**
 * The project's own debug switch. Not `DEBUG`: many users set that for the `debug` package, and
 * it would silently turn the token stack traces back on (token-stack-traces.ts) and print stack
 * traces for every failure.
 */
export const DEBUG_VARIABLE = "TENANTS_DEBUG";

/** Whether TENANTS_DEBUG is set to anything but "" or "0". */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env[DEBUG_VARIABLE];
  return v !== undefined && v !== "" && v !== "0";
}
