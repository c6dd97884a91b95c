/**
 * Which tenants file a command reads when none is named. Here, beside debug.ts's switch, rather
 * than in lib/commands, so that the app's preload (heap-growth.ts) can ask without loading the
 * commands, and lib/runtime never imports lib/commands back.
 */
export const DEFAULT_TENANTS_FILE = "tenants.yaml";

export function tenantsFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.TENANTS_FILE || DEFAULT_TENANTS_FILE;
}
