/**
 * Which tenants file a command reads when none is named. In lib/runtime beside debug.ts's
 * switch, which needs nothing else, so that nothing here imports lib/commands back.
 */
export const DEFAULT_TENANTS_FILE = "tenants.yaml";

export function tenantsFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.TENANTS_FILE || DEFAULT_TENANTS_FILE;
}
