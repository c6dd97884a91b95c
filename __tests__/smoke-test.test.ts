import { tempDir } from "./temp-dir";
import { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SMOKE_TEST_IMAGE, SMOKE_TEST_SCRIPT, SmokeTest } from "../lib/constructs/smoke-test";
import { resources, stackOf, synthYaml } from "./helpers";
import { Construct } from "constructs";
import { withCluster } from "./cluster-fixture";

const FILE = `
clusters:
  - name: demo
    region: eu-west-1
tenants:
  - { name: web, namespace: web, serviceAccount: web-sa, smokeTest: true, createNamespace: true }
  - { name: api, namespace: api, serviceAccount: api-sa, smokeTest: true, createServiceAccount: false, role: { name: api-role, path: /teams/ } }
  - { name: batch, namespace: batch, serviceAccount: batch-sa }
`;

describe("tenants[].smokeTest", () => {
  it("runs a Job in the tenant's namespace as its service account, checking the tenant's role", async () => {
    const s = (await synthYaml(FILE)).demo!;
    expect(resources(s, "kubernetes_job_v1")["web_smoke-test_job_FE8B60FB"]).toEqual({
      metadata: {
        name: "pod-identity-smoke-test-web",
        namespace: "web",
        labels: { "app.kubernetes.io/name": "pod-identity-smoke-test", "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" },
      },
      spec: {
        backoff_limit: 3,
        active_deadline_seconds: 240,
        template: {
          metadata: { labels: { "app.kubernetes.io/name": "pod-identity-smoke-test" } },
          spec: {
            service_account_name: "web-sa",
            restart_policy: "Never",
            node_selector: { "kubernetes.io/os": "linux" },
            security_context: { run_as_non_root: true, run_as_user: "65534", seccomp_profile: { type: "RuntimeDefault" } },
            container: [
              {
                name: "aws-cli",
                image: "public.ecr.aws/aws-cli/aws-cli:2.32.9",
                command: ["/bin/sh", "-c"],
                args: [SMOKE_TEST_SCRIPT],
                env: [
                  { name: "EXPECTED_ROLE_NAME", value: "web.demo" },
                  { name: "AWS_REGION", value: "eu-west-1" },
                  { name: "HOME", value: "/tmp" },
                ],
                security_context: { allow_privilege_escalation: false, capabilities: { drop: ["ALL"] } },
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
              },
            ],
          },
        },
      },
      wait_for_completion: true,
      timeouts: { create: "5m", update: "5m" },
      depends_on: ["aws_eks_pod_identity_association.web_association_B350E0D8", "kubernetes_service_account_v1.web_service-account_2F59D8AD", "kubernetes_namespace_v1.namespace_web"],
    });
  });

  it("checks the role's name (assumed-role ARNs carry no path), and depends on the association alone when the service account is not created here", async () => {
    const s = (await synthYaml(FILE)).demo!;
    const job = Object.values(resources(s, "kubernetes_job_v1")).find((j) => j.metadata.namespace === "api")!;
    expect(job.spec.template.spec.container[0].env[0]).toEqual({ name: "EXPECTED_ROLE_NAME", value: "api-role" });
    expect(job.depends_on).toEqual(["aws_eks_pod_identity_association.api_association_A6B6D8D5"]);
  });

  it("expects the target role for a cross-account tenant, the last role of EKS's chain", async () => {
    const s = (
      await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - { name: far, namespace: far, serviceAccount: app, smokeTest: true, targetRoleArn: "arn:aws:iam::444455556666:role/team/orders-reader" }
`)
    ).demo!;
    const job = Object.values(resources(s, "kubernetes_job_v1"))[0]!;
    expect(job.spec.template.spec.container[0].env[0]).toEqual({ name: "EXPECTED_ROLE_NAME", value: "orders-reader" });
  });

  it("is off by default", async () => {
    const s = (await synthYaml(FILE)).demo!;
    expect(Object.values(resources(s, "kubernetes_job_v1")).map((j) => j.metadata.namespace).sort()).toEqual(["api", "web"]);
  });

  it("pins an AWS CLI v2 image of at least 2.15.0, the first with Pod Identity credentials", () => {
    const m = /^public\.ecr\.aws\/aws-cli\/aws-cli:(\d+)\.(\d+)\.(\d+)$/.exec(SMOKE_TEST_IMAGE);
    expect(m).not.toBeNull();
    const [major, minor] = [Number(m![1]), Number(m![2])];
    expect(major === 2 && minor >= 15).toBe(true);
  });

  it("keeps Terraform template syntax out of the script", () => {
    expect(SMOKE_TEST_SCRIPT).not.toMatch(/[$%]\{/);
  });

  it("works from TypeScript, with a bounded timeout and a name from its scope", () => {
    const s = stackOf((stack) => {
      new SmokeTest(stack, "check", withCluster(stack, { namespace: "ns", serviceAccount: "sa", roleName: "r", region: "us-east-1", image: "registry.example/aws-cli:2.27.26", timeout: "10m" }));
    });
    expect(s).toHaveResourceWithProperties(JobV1, { timeouts: { create: "10m", update: "10m" }, wait_for_completion: true });
    const job = Object.values(resources(s, "kubernetes_job_v1"))[0]!;
    expect(job.metadata.name).toBe("pod-identity-smoke-test-test");
    expect(job.spec.active_deadline_seconds).toBe(540);
    expect(job.spec.template.spec.container[0].image).toBe("registry.example/aws-cli:2.27.26");
    expect(() => stackOf((stack) => new SmokeTest(stack, "check", withCluster(stack, { namespace: "ns", serviceAccount: "sa", roleName: "r", region: "us-east-1", timeout: "30s" })))).toThrow(
      'SmokeTest "check": invalid props:\n  - timeout: "30s" is not allowed: a duration such as 5m or 300s, at least 2 minutes',
    );
  });

  it("derives a valid job name for the longest tenant name", async () => {
    const tenant = `t${"x".repeat(61)}a`;
    const s = (await synthYaml(`clusters: [{ name: demo, region: us-east-1 }]\ntenants: [{ name: ${tenant}, namespace: web, serviceAccount: web, smokeTest: true, role: { name: r } }]\n`)).demo!;
    const name: string = Object.values(resources(s, "kubernetes_job_v1"))[0]!.metadata.name;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^pod-identity-smoke-test-tx+-[0-9a-f]{8}$/);
  });
});

/** Runs the Job's script with a fake `aws` that prints `arn`, as /bin/sh would in the image. */
function runScript(env: Record<string, string>, arn: string): { code: number; out: string } {
  const dir = tempDir("smoke-");
  const aws = join(dir, "aws");
  writeFileSync(aws, `#!/bin/sh\n[ "$*" = "sts get-caller-identity --query Arn --output text" ] || { echo "unexpected args: $*" >&2; exit 9; }\necho '${arn}'\n`);
  chmodSync(aws, 0o755);
  const r = spawnSync("/bin/sh", ["-c", SMOKE_TEST_SCRIPT], { env: { PATH: `${dir}:/usr/bin:/bin`, ...env }, encoding: "utf8" });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

describe("the smoke test script", () => {
  const POD = { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials", EXPECTED_ROLE_NAME: "web.demo" };

  it("passes when the caller is the tenant's role", () => {
    const r = runScript(POD, "arn:aws:sts::111122223333:assumed-role/web.demo/eks-demo-web-abc");
    expect(r).toEqual({ code: 0, out: "caller: arn:aws:sts::111122223333:assumed-role/web.demo/eks-demo-web-abc\nok: this service account gets role web.demo\n" });
  });

  it("passes in other partitions", () => {
    expect(runScript(POD, "arn:aws-cn:sts::111122223333:assumed-role/web.demo/s").code).toBe(0);
  });

  it("fails for another role, even one whose name starts the same", () => {
    for (const arn of ["arn:aws:sts::111122223333:assumed-role/web.demo2/s", "arn:aws:sts::111122223333:assumed-role/node-role/i-0abc", "arn:aws:iam::111122223333:user/web.demo"]) {
      const r = runScript(POD, arn);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`expected an assumed-role ARN of role web.demo, got ${arn}`);
    }
  });

  it("fails when the pod has no Pod Identity credentials, before calling AWS", () => {
    const r = runScript({ EXPECTED_ROLE_NAME: "web.demo" }, "arn:aws:sts::111122223333:assumed-role/web.demo/s");
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      "no Pod Identity credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI is not set; is there an association for this service account, and did the pod start after it?\n",
    );
  });
});

describe("SmokeTest Job names in one stack", () => {
  it("refuses a second Job of one name in one namespace, naming the first", () => {
    const props = { namespace: "default", serviceAccount: "checker", roleName: "r", region: "us-east-1" };
    expect(() =>
      stackOf((s) => {
        new SmokeTest(new Construct(s, "controller-external-dns"), "smoke-test", withCluster(s, props));
        new SmokeTest(new Construct(s, "controller_external-dns"), "smoke-test", withCluster(s, { ...props, jobName: "pod-identity-smoke-test-controller-external-dns" }));
      }),
    ).toThrow('SmokeTest "smoke-test": invalid props:\n  - jobName: "pod-identity-smoke-test-controller-external-dns" in namespace "default" is already the name of the Job at test/controller-external-dns/smoke-test; Kubernetes allows one Job of a name per namespace. Give one of them another jobName');
    expect(() =>
      stackOf((s) => {
        new SmokeTest(new Construct(s, "a"), "smoke-test", withCluster(s, props));
        new SmokeTest(new Construct(s, "a2"), "smoke-test", withCluster(s, { ...props, namespace: "other", jobName: "pod-identity-smoke-test-a" }));
      }),
    ).not.toThrow();
  });
});
