import { ADDON_NAMESPACES, addonNamespace } from "../lib/kubernetes/addon-namespaces";
import { KNOWN_ADDONS } from "../lib/aws/known-addons";
import { BUILT_IN_NAMESPACES } from "../lib/kubernetes/kubernetes-objects";
import { problemsOf } from "./helpers";

const one = `clusters: [{ name: prod, region: eu-west-1 }]\n`;
const AGREE = "every tenant and controller in a namespace must agree, so that the namespace stays while any of them does and no other entry's removal destroys it";
const ONE_STACK = "a namespace the file creates lives in one stack with everything in it, since Terraform orders and destroys it only with what shares its state: put them in one stack";

describe("everything in a created namespace agrees on creating it", () => {
  it("accepts tenants and controllers that all create their namespace, or all leave it", async () => {
    const yaml = `clusters:
  - name: prod
    region: eu-west-1
    controllers:
      - { name: aws-efs-csi-driver, namespace: platform, createNamespace: true, createServiceAccount: true }
tenants:
  - { name: a, namespace: platform, serviceAccount: a, createNamespace: true }
  - { name: b, namespace: shop, serviceAccount: b, createNamespace: true }
  - { name: c, namespace: shop, serviceAccount: c, createNamespace: true }
  - { name: d, namespace: existing, serviceAccount: d }
  - { name: e, namespace: existing, serviceAccount: e, createNamespace: false }
`;
    expect(await problemsOf(yaml)).toEqual([]);
  });

  it("refuses a tenant in a namespace another tenant creates, naming both", async () => {
    const yaml = `${one}tenants:
  - { name: checkout, namespace: shop, serviceAccount: checkout, createNamespace: true }
  - { name: ledger, namespace: shop, serviceAccount: ledger }
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:4:5: tenants[1].createNamespace: tenant "ledger" lives in namespace "shop" on cluster "prod", which tenant "checkout" creates (createNamespace: true), but does not set createNamespace: true itself; ${AGREE}: set createNamespace: true here, or remove it from tenant "checkout"`,
    ]);
  });

  it("refuses a controller in a namespace a tenant creates, and the reverse", async () => {
    const yaml = `clusters:
  - name: prod
    region: eu-west-1
    controllers:
      - { name: aws-efs-csi-driver, namespace: tools }
      - { name: aws-ebs-csi-driver, namespace: storage, createNamespace: true }
tenants:
  - { name: a, namespace: tools, serviceAccount: a, createNamespace: true }
  - { name: b, namespace: storage, serviceAccount: b }
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:5:9: clusters[0].controllers[0].createNamespace: controller "aws-efs-csi-driver" lives in namespace "tools" on cluster "prod", which tenant "a" creates (createNamespace: true), but does not set createNamespace: true itself; ${AGREE}: set createNamespace: true here, or remove it from tenant "a"`,
      `tenants.yaml:9:5: tenants[1].createNamespace: tenant "b" lives in namespace "storage" on cluster "prod", which controller "aws-ebs-csi-driver" creates (createNamespace: true), but does not set createNamespace: true itself; ${AGREE}: set createNamespace: true here, or remove it from controller "aws-ebs-csi-driver"`,
    ]);
  });

  it("judges each cluster on its own, and tells a tenant on several clusters once", async () => {
    const yaml = `clusters:
  - { name: prod, region: eu-west-1 }
  - { name: dev, region: eu-west-1 }
  - { name: test, region: eu-west-1 }
tenants:
  - { name: a, namespace: shop, serviceAccount: a, createNamespace: true, clusters: [prod] }
  - { name: b, namespace: shop, serviceAccount: b, clusters: [dev] }
  - { name: c, namespace: team, serviceAccount: c, createNamespace: true }
  - { name: d, namespace: team, serviceAccount: d, createNamespace: false }
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:9:69: tenants[3].createNamespace: tenant "d" lives in namespace "team" on cluster "prod", which tenant "c" creates (createNamespace: true), but does not set createNamespace: true itself; ${AGREE}: set createNamespace: true here, or remove it from tenant "c"`,
    ]);
  });

  it("leaves built-in namespaces to their own check", async () => {
    const yaml = `${one}tenants:
  - { name: a, namespace: default, serviceAccount: a, createNamespace: true }
  - { name: b, namespace: default, serviceAccount: b }
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:3:72: tenants[0].createNamespace: namespace "default" exists on every Kubernetes cluster (${BUILT_IN_NAMESPACES.join(", ")}), so the stack must not create it; set createNamespace: false`,
    ]);
  });
});

describe("a created namespace lives in one stack", () => {
  it("accepts a namespace created by the tenants of one group", async () => {
    const yaml = `${one}tenants:
  - { name: a, namespace: shop, serviceAccount: a, createNamespace: true, stack: blue }
  - { name: b, namespace: shop, serviceAccount: b, createNamespace: true, stack: blue }
`;
    expect(await problemsOf(yaml)).toEqual([]);
  });

  it("refuses a namespace whose tenants are in two stacks, naming both", async () => {
    const yaml = `${one}tenants:
  - { name: a, namespace: shop, serviceAccount: a, createNamespace: true, stack: blue }
  - { name: b, namespace: shop, serviceAccount: b, createNamespace: true, stack: green }
  - { name: c, namespace: shop, serviceAccount: c, createNamespace: true }
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:4:82: tenants[1].stack: namespace "shop" on cluster "prod" is created in stack "prod-blue" for tenant "a", and tenant "b", which also lives in it, is in stack "prod-green"; ${ONE_STACK}`,
      `tenants.yaml:5:27: tenants[2].namespace: namespace "shop" on cluster "prod" is created in stack "prod-blue" for tenant "a", and tenant "c", which also lives in it, is in stack "prod"; ${ONE_STACK}`,
    ]);
  });

  it("keeps a namespace a controller lives in in the base stack, where controllers are", async () => {
    const yaml = `clusters:
  - name: prod
    region: eu-west-1
    controllers: [{ name: aws-efs-csi-driver, namespace: storage, createNamespace: true }]
tenants:
  - { name: a, namespace: storage, serviceAccount: a, createNamespace: true, stack: blue }
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:6:85: tenants[0].stack: namespace "storage" on cluster "prod" is created in stack "prod" for controller "aws-efs-csi-driver", and tenant "a", which also lives in it, is in stack "prod-blue"; ${ONE_STACK} (controllers are always in the cluster's base stack, "prod")`,
    ]);
  });
});

describe("a namespace an EKS add-on owns is never created", () => {
  it("knows every known add-on that installs outside the built-in namespaces", () => {
    for (const [name, known] of Object.entries(KNOWN_ADDONS)) {
      if (BUILT_IN_NAMESPACES.includes(known.namespace)) expect(addonNamespace(name)).toBeUndefined();
      else expect(addonNamespace(name)?.namespace).toBe(known.namespace);
    }
    expect(addonNamespace("amazon-cloudwatch-observability")?.namespace).toBe("amazon-cloudwatch");
    expect(addonNamespace("toString")).toBeUndefined();
  });

  it.each(Object.entries(ADDON_NAMESPACES))("refuses creating %s's namespace on a cluster that has it, citing the add-on's docs", async (addon, { namespace, source }) => {
    expect(source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/eks\/latest\/userguide\/[a-z-]+\.html#[a-z-]+$/);
    const yaml = `clusters:
  - name: prod
    region: eu-west-1
    addons: [{ name: ${addon}, serviceAccount: sa, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }]
  - { name: dev, region: eu-west-1 }
tenants:
  - { name: t, namespace: ${namespace}, serviceAccount: t, createNamespace: true }
`;
    const problems = await problemsOf(yaml);
    expect(problems.filter((p) => p.includes("tenants[0].createNamespace"))).toEqual([
      expect.stringContaining(
        `tenants[0].createNamespace: namespace "${namespace}" on cluster "prod" belongs to the EKS add-on ${addon} of that cluster, which installs into it (${source}); the stack must not create it, or destroying it would delete the add-on's pods: set createNamespace: false`,
      ),
    ]);
  });

  it("lets a cluster without the add-on create that namespace", async () => {
    const yaml = `${one}tenants:
  - { name: t, namespace: amazon-cloudwatch, serviceAccount: t, createNamespace: true }
`;
    expect(await problemsOf(yaml)).toEqual([]);
  });
});
