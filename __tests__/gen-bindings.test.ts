/**
 * scripts/gen-bindings.ts: the committed bindings are what the generator writes from the
 * installed providers' schemas, for exactly the classes lib/constructs and stacks/ import, and
 * nothing there imports the @cdktf Kubernetes or Helm packages past them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { BINDINGS, generateBindings, providerVersion, readAssembly, terraformName } from "../scripts/gen-bindings";
import { ROOT } from "./run";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const used = [...sources(join(ROOT, "lib", "constructs")), ...sources(join(ROOT, "stacks"))].map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, "utf8") }));

it("writes exactly the committed files (run `npm run bindings` after changing the providers or BINDINGS)", () => {
  const generated = generateBindings();
  const committed = [...sources(join(ROOT, "lib", "bindings"))].map((f) => relative(ROOT, f)).filter((f) => !["lib/bindings/select.ts", "lib/bindings/to-terraform.ts"].includes(f));
  expect([...generated.keys()].sort()).toEqual(committed.sort());
  for (const [path, text] of generated) expect(readFileSync(join(ROOT, path), "utf8")).toBe(text);
});

it("binds exactly the classes lib/constructs and stacks/ import, and they import no @cdktf Kubernetes or Helm module", () => {
  const imported = new Set(used.flatMap(({ text }) => [...text.matchAll(/\/bindings\/(kubernetes|helm)\/([a-z0-9-]+)"/g)].map((m) => `${m[1]}/${m[2]}`)));
  expect([...imported].sort()).toEqual(BINDINGS.map((b) => `${b.provider}/${b.module}`).sort());
  expect(used.filter(({ text }) => /@cdktf\/provider-(kubernetes|helm)/.test(text)).map(({ file }) => file)).toEqual([]);
});

it("takes each Terraform name from the Registry link of the schema, and the provider release from the package", () => {
  const k8s = readAssembly("kubernetes");
  const job = k8s.types["@cdktf/provider-kubernetes.jobV1.JobV1SpecTemplateSpec"]!;
  const byName = Object.fromEntries((job.properties ?? []).map((p) => [p.name, terraformName(p)]));
  expect(byName).toMatchObject({ serviceAccountName: "service_account_name", restartPolicy: "restart_policy", nodeSelector: "node_selector", securityContext: "security_context", container: "container" });
  // A name the link gives differently from the snake_case of the property wins.
  expect(terraformName({ name: "setListStruct", type: { primitive: "string" }, docs: { remarks: "Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/helm/3.1.1/docs/resources/release#set_list Release#set_list}" } })).toBe("set_list");
  expect(terraformName({ name: "waitForJobs", type: { primitive: "boolean" } })).toBe("wait_for_jobs");
  expect([providerVersion("kubernetes"), providerVersion("helm")]).toEqual(["2.38.0", "3.1.1"]);
});
