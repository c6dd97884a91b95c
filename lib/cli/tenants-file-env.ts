/**
 * Which tenants file a command reads when none is named: in a file of its own so that the app's
 * preload (lib/runtime/heap-growth.ts) can ask without loading the commands.
 */
export const DEFAULT_TENANTS_FILE = "tenants.yaml";

export function tenantsFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.TENANTS_FILE || DEFAULT_TENANTS_FILE;
}
