/** Cluster names become folder and file names: they must differ in more than case. */
import { problemsOf } from "./helpers";

const clusters = (...names: string[]) => ["clusters:", ...names.map((n) => `  - { name: ${n}, region: us-east-1 }`), ""].join("\n");

it("refuses two cluster names that differ only in case, pointing at the later one", async () => {
  expect(await problemsOf(clusters("prod", "staging", "Prod"))).toEqual([
    'tenants.yaml:4:13: clusters[2].name: cluster "Prod" differs from "prod" at clusters[0] only in case; both would write cdktf.out/stacks/prod and terraform.prod.tfstate on file systems that ignore case (macOS, Windows). Cluster names must differ in more than case',
  ]);
});

it("leaves the same name twice to the duplicate check, said once", async () => {
  expect(await problemsOf(clusters("prod", "prod"))).toEqual([
    'tenants.yaml:3:13: clusters[1].name: cluster "prod" is already defined at clusters[0]; cluster names must be unique',
  ]);
});

it("warns about names Windows reserves for devices", async () => {
  expect(await problemsOf(clusters("aux", "Com1", "console"))).toEqual([
    'warning: tenants.yaml:2:13: clusters[0].name: cluster "aux" is a reserved device name on Windows, where its stack folder cdktf.out/stacks/aux cannot be created; synthesize it on Linux or macOS',
    'warning: tenants.yaml:3:13: clusters[1].name: cluster "Com1" is a reserved device name on Windows, where its stack folder cdktf.out/stacks/Com1 cannot be created; synthesize it on Linux or macOS',
  ]);
});
