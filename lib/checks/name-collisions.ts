/**
 * Names that become file and folder names: a cluster's name is its stack's folder
 * (cdktf.out/stacks/<name>) and its local state file (terraform.<name>.tfstate). macOS and
 * Windows file systems ignore case by default, so two clusters whose names differ only in case
 * would write one folder and one state file; and Windows cannot create a file named like a device.
 * Tenant, shared-role and add-on names are lower case by their rules (rules.ts), so only cluster
 * names can collide this way.
 */
import { error, warning, type Finding } from "../diagnostics/problems";
import { quote } from "../diagnostics/quote";
import type { Config } from "../schema/schema";

/**
 * Reserved on Windows in any case, with or without an extension.
 * https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file
 */
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export function clusterNameCollisions(c: Config): Finding[] {
  const out: Finding[] = [];
  const byFolded = new Map<string, { name: string; index: number }>();
  c.clusters.forEach((cluster, i) => {
    const folded = cluster.name.toLowerCase();
    const first = byFolded.get(folded);
    if (!first) byFolded.set(folded, { name: cluster.name, index: i });
    // The very same name is reported as a duplicate (name-and-quota-checks.ts, uniqueNames).
    else if (first.name !== cluster.name) {
      out.push(
        error(
          ["clusters", i, "name"],
          `cluster ${quote(cluster.name)} differs from ${quote(first.name)} at clusters[${first.index}] only in case; both would write cdktf.out/stacks/${folded} and terraform.${folded}.tfstate on file systems that ignore case (macOS, Windows). Cluster names must differ in more than case`,
        ),
      );
    }
    if (WINDOWS_DEVICE_NAMES.test(cluster.name)) {
      out.push(warning(["clusters", i, "name"], `cluster ${quote(cluster.name)} is a reserved device name on Windows, where its stack folder cdktf.out/stacks/${cluster.name} cannot be created; synthesize it on Linux or macOS`));
    }
  });
  return out;
}
