/**
 * lib/bindings/to-terraform.ts, through the generated bindings it drives: each generated class
 * synthesizes exactly what the prebuilt @cdktf class does for the same config (nested blocks,
 * lists of blocks, maps with dotted keys, tokens, dynamic blocks, unset and empty blocks, meta
 * arguments), and so does every example with the generated classes in place of the prebuilt ones.
 */
import { App, Fn, TerraformIterator, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KubernetesProvider as PrebuiltKubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { NamespaceV1 as PrebuiltNamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceAccountV1 as PrebuiltServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { JobV1 as PrebuiltJobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { HelmProvider as PrebuiltHelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release as PrebuiltRelease } from "@cdktf/provider-helm/lib/release";
import { KubernetesProvider } from "../lib/bindings/generated/kubernetes/provider";
import { NamespaceV1 } from "../lib/bindings/generated/kubernetes/namespace-v1";
import { ServiceAccountV1 } from "../lib/bindings/generated/kubernetes/service-account-v1";
import { JobV1 } from "../lib/bindings/generated/kubernetes/job-v1";
import { HelmProvider } from "../lib/bindings/generated/helm/provider";
import { Release } from "../lib/bindings/generated/helm/release";
import { objectToTerraform } from "../lib/bindings/to-terraform";
import { exampleInputs } from "../scripts/cdk-terrain";

// Each example is built twice in fresh module registries; the machine may be busy.
jest.setTimeout(180_000);

type Build = (stack: TerraformStack) => void;

function synth(build: Build): any {
  const stack = new TerraformStack(Testing.app(), "s");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** Both synthesized; the generated one must equal the prebuilt one and contain `expected`. */
function same(generated: Build, prebuilt: Build, expected: object): void {
  const ours = synth(generated);
  expect(ours).toEqual(synth(prebuilt));
  expect(ours).toMatchObject(expected);
}

describe("each generated binding synthesizes what the prebuilt one does", () => {
  it("ServiceAccountV1: metadata, lists of blocks, an explicit empty block, meta arguments", () => {
    const config = (dependsOn: any[]) => ({
      metadata: { name: "web-sa", namespace: "web", labels: { "app.kubernetes.io/name": "web" }, annotations: { "example.com/owner": "team" } },
      automountServiceAccountToken: false,
      imagePullSecret: [{ name: "pull" }],
      secret: [{ name: "s1" }, { name: "s2" }],
      timeouts: {},
      dependsOn,
    });
    same(
      (s) => new ServiceAccountV1(s, "sa", config([new NamespaceV1(s, "ns", { metadata: { name: "web" } })])),
      (s) => new PrebuiltServiceAccountV1(s, "sa", config([new PrebuiltNamespaceV1(s, "ns", { metadata: { name: "web" } })])),
      {
        resource: {
          kubernetes_service_account_v1: {
            sa: {
              metadata: { name: "web-sa", namespace: "web", labels: { "app.kubernetes.io/name": "web" }, annotations: { "example.com/owner": "team" } },
              automount_service_account_token: false,
              image_pull_secret: [{ name: "pull" }],
              secret: [{ name: "s1" }, { name: "s2" }],
              timeouts: {},
              depends_on: ["kubernetes_namespace_v1.ns"],
            },
          },
        },
      },
    );
  });

  it("leaves out a top-level block whose fields are all unset, as the prebuilt output reference does", () => {
    const generated = synth((s) => new ServiceAccountV1(s, "sa", { metadata: { name: "a" }, timeouts: { create: undefined } }));
    expect(generated).toEqual(synth((s) => new PrebuiltServiceAccountV1(s, "sa", { metadata: { name: "a" }, timeouts: { create: undefined } })));
    expect(generated.resource.kubernetes_service_account_v1.sa).toEqual({ metadata: { name: "a" } });
  });

  it("a list of blocks from an iterator becomes a dynamic block, as with the engine's own list mapper", () => {
    const build = (sa: typeof ServiceAccountV1 | typeof PrebuiltServiceAccountV1) => (s: TerraformStack) => {
      const secrets = TerraformIterator.fromList(["a", "b"]);
      new sa(s, "sa", { metadata: { name: "a" }, secret: secrets.dynamic({ name: secrets.value }) });
    };
    same(build(ServiceAccountV1), build(PrebuiltServiceAccountV1), {
      resource: { kubernetes_service_account_v1: { sa: { dynamic: { secret: { for_each: '${toset(["a", "b"])}', iterator: "each", content: { name: "${each.value}" } } } } } },
    });
  });

  it("NamespaceV1: tokens pass through unchanged", () => {
    const build = (ns: typeof NamespaceV1 | typeof PrebuiltNamespaceV1) => (s: TerraformStack) => {
      const v = new TerraformVariable(s, "name", { type: "string" });
      new ns(s, "ns", { metadata: { name: Fn.lower(v.stringValue), labels: { team: v.stringValue } }, waitForDefaultServiceAccount: true });
    };
    same(build(NamespaceV1), build(PrebuiltNamespaceV1), {
      resource: { kubernetes_namespace_v1: { ns: { metadata: { name: "${lower(var.name)}", labels: { team: "${var.name}" } }, wait_for_default_service_account: true } } },
    });
  });

  it("JobV1: deeply nested blocks and lists of blocks", () => {
    const build = (job: typeof JobV1 | typeof PrebuiltJobV1) => (s: TerraformStack) => {
      new job(s, "job", {
        metadata: { name: "smoke", namespace: "web" },
        spec: {
          backoffLimit: 3,
          template: {
            metadata: { labels: { app: "smoke" } },
            spec: {
              restartPolicy: "Never",
              securityContext: { runAsNonRoot: true, runAsUser: "65534", seccompProfile: { type: "RuntimeDefault" } },
              container: [
                {
                  name: "c",
                  image: "busybox",
                  command: ["/bin/sh", "-c"],
                  env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                  resources: { requests: { cpu: "50m" }, limits: { memory: "256Mi" } },
                },
              ],
            },
          },
        },
        waitForCompletion: true,
        timeouts: { create: "5m", update: "5m" },
      });
    };
    same(build(JobV1), build(PrebuiltJobV1), {
      resource: {
        kubernetes_job_v1: {
          job: {
            spec: {
              backoff_limit: 3,
              template: {
                spec: {
                  restart_policy: "Never",
                  security_context: { run_as_non_root: true, run_as_user: "65534", seccomp_profile: { type: "RuntimeDefault" } },
                  container: [{ name: "c", env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] }],
                },
              },
            },
            wait_for_completion: true,
            timeouts: { create: "5m", update: "5m" },
          },
        },
      },
    });
  });

  it("KubernetesProvider and HelmProvider: aliases, a list of exec blocks, a nested object", () => {
    const exec = { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"] };
    same(
      (s) => {
        new KubernetesProvider(s, "k", { alias: "east", host: "https://h", exec: [exec] });
        new HelmProvider(s, "h", { alias: "east", kubernetes: { host: "https://h", exec } });
      },
      (s) => {
        new PrebuiltKubernetesProvider(s, "k", { alias: "east", host: "https://h", exec: [exec] });
        new PrebuiltHelmProvider(s, "h", { alias: "east", kubernetes: { host: "https://h", exec } });
      },
      {
        provider: {
          kubernetes: [{ alias: "east", host: "https://h", exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"] }] }],
          helm: [{ alias: "east", kubernetes: { host: "https://h", exec: { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"] } } }],
        },
        terraform: { required_providers: { kubernetes: { source: "kubernetes", version: "2.38.0" }, helm: { source: "helm", version: "3.1.1" } } },
      },
    );
  });

  it("Release: a list of set objects and the chart's arguments", () => {
    const config = { name: "agent", chart: "eks-pod-identity-agent", repository: "https://example.com/charts", namespace: "kube-system", version: "1.3.8", atomic: true, set: [{ name: "a.b", value: "1", type: "string" }], values: ["x: 1\n"] };
    same((s) => new Release(s, "r", config), (s) => new PrebuiltRelease(s, "r", config), {
      resource: { helm_release: { r: { name: "agent", chart: "eks-pod-identity-agent", atomic: true, set: [{ name: "a.b", value: "1", type: "string" }], values: ["x: 1\n"] } } },
    });
  });
});

describe("objectToTerraform", () => {
  it("renames the fields the schema has, drops the others, and passes non-objects through", () => {
    const fields = { fooBar: "foo_bar", inner: { tf: "inner_block", one: { x: "x_y" } } };
    expect(objectToTerraform(fields, { fooBar: 1, inner: { x: 2, z: 3 }, extra: 4 })).toEqual({ foo_bar: 1, inner_block: { x_y: 2 } });
    expect(objectToTerraform(fields, "${var.x}")).toBe("${var.x}");
    expect(objectToTerraform(fields, undefined)).toBeUndefined();
  });
});

/** Every prebuilt module the bindings may pick, made missing: the selectors fall back to the generated classes. */
const PREBUILT = ["kubernetes/lib/provider", "kubernetes/lib/namespace-v1", "kubernetes/lib/service-account-v1", "kubernetes/lib/job-v1", "helm/lib/provider", "helm/lib/release"].map((m) => `@cdktf/provider-${m}`);

async function synthExample(input: string, generated: boolean): Promise<Record<string, any>> {
  let result: Record<string, any> = {};
  await jest.isolateModulesAsync(async () => {
    if (generated) {
      for (const m of PREBUILT) {
        jest.doMock(m, () => {
          throw Object.assign(new Error(`Cannot find module '${m}'`), { code: "MODULE_NOT_FOUND" });
        });
      }
    }
    const { parseTenantsText } = await import("../lib/file/load");
    const { buildStacks } = await import("../stacks/build-stacks");
    const cdktf = await import("cdktf");
    // The selector took the generated class exactly when the prebuilt module was missing.
    const selected = await import("../lib/bindings/kubernetes/namespace-v1");
    const own = await import("../lib/bindings/generated/kubernetes/namespace-v1");
    expect(selected.NamespaceV1 === own.NamespaceV1).toBe(generated);
    const text = readFileSync(join(__dirname, "..", input), "utf8");
    const loaded = await parseTenantsText(text, input, input.endsWith(".json") ? "json" : "yaml");
    const stacks = buildStacks(cdktf.Testing.app() as App, loaded.config!);
    result = Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(cdktf.Testing.synth(s))]));
    for (const m of PREBUILT) jest.dontMock(m);
  });
  return result;
}

describe.each(exampleInputs())("%s with the generated bindings", (input) => {
  it("synthesizes every stack as with the prebuilt @cdktf bindings", async () => {
    const generated = await synthExample(input, true);
    expect(Object.keys(generated).length).toBeGreaterThan(0);
    expect(generated).toEqual(await synthExample(input, false));
  });
});

it("the examples use every generated binding, so the comparison above covers each", async () => {
  const all = [];
  for (const input of exampleInputs()) all.push(await synthExample(input, true));
  const text = JSON.stringify(all);
  for (const type of ["kubernetes_namespace_v1", "kubernetes_service_account_v1", "kubernetes_job_v1", "helm_release"]) expect(text).toContain(`"${type}":{`);
  for (const provider of ['"kubernetes":[', '"helm":[']) expect(text).toContain(provider);
});
