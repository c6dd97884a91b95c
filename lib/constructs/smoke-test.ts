import { JobV1 } from "../bindings/kubernetes/job-v1";
import { TerraformStack, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as rules from "../aws/rules";
import { terraformLiteral } from "../terraform/terraform-literal";
import { PropChecker } from "./validate-props";
import { tenantSmokeTestJobName } from "../kubernetes/smoke-test-names";
import type { EksCluster } from "./eks-cluster";

/**
 * The official AWS CLI v2 image, from Amazon ECR Public, which AWS recommends over Docker Hub
 * (AWS CLI user guide, getting-started-docker). Pod Identity credentials need CLI 2.15.0 or
 * later (EKS user guide, pod-id-minimum-sdk). 2.32.9 is a released version (aws/aws-cli
 * .changes/2.32.9.json); pin a digest on a machine that can pull it.
 */
export const SMOKE_TEST_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.32.9";

/**
 * What the Job runs. The image's entrypoint is `aws`, so the Job runs `/bin/sh -c` instead.
 * A role's assumed-role ARN is `arn:<partition>:sts::<account>:assumed-role/<role name>/<session>`,
 * without the role's path. Without Pod Identity credentials the CLI would fall back to the node's
 * role, so the Job first checks that EKS injected AWS_CONTAINER_CREDENTIALS_FULL_URI.
 * No `${` or `%{` anywhere: Terraform would read them as template syntax in the JSON.
 */
export const SMOKE_TEST_SCRIPT = `set -eu
if ! printenv AWS_CONTAINER_CREDENTIALS_FULL_URI >/dev/null; then
  echo "no Pod Identity credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI is not set; is there an association for this service account, and did the pod start after it?" >&2
  exit 1
fi
arn="$(aws sts get-caller-identity --query Arn --output text)"
echo "caller: $arn"
case "$arn" in
  arn:aws*:sts::*:assumed-role/"$EXPECTED_ROLE_NAME"/*) echo "ok: this service account gets role $EXPECTED_ROLE_NAME" ;;
  *) echo "expected an assumed-role ARN of role $EXPECTED_ROLE_NAME, got $arn" >&2; exit 1 ;;
esac
`;

export interface SmokeTestProps {
  /** The tenant's namespace; the Job runs there. */
  readonly namespace: string;
  /** The tenant's service account; the Job's pod runs as it. It must exist when the Job starts. */
  readonly serviceAccount: string;
  /** The role name the caller ARN must show (`assumed-role/<roleName>/...`). */
  readonly roleName: string;
  /** The cluster, for its region (the regional STS endpoint). */
  readonly cluster: EksCluster;
  /**
   * The Job's name: at most 63 characters, since Kubernetes copies it into a label.
   * @default `pod-identity-smoke-test-<construct id of the scope>`, cut with a hash past 63 characters
   */
  readonly jobName?: string;
  /** An AWS CLI v2 image, 2.15.0 or later. @default SMOKE_TEST_IMAGE */
  readonly image?: string;
  /**
   * How long Terraform waits for the Job to complete, as a Terraform duration. The Job itself
   * gives up a minute earlier (`activeDeadlineSeconds`), so a failure reads as a failed Job.
   * @default "5m"
   */
  readonly timeout?: string;
  /** What the Job waits for: the association, and the service account when the stack creates it. @default [] */
  readonly dependsOn?: ReadonlyArray<ITerraformDependable>;
}

const DURATION = /^(\d+)([smh])$/;

/**
 * A `kubernetes_job_v1` that proves a tenant's pods get the tenant's role: it runs
 * `aws sts get-caller-identity` as the tenant's service account and fails unless the ARN is an
 * assumed-role ARN of that role. Terraform waits for it (`wait_for_completion`), so a deploy
 * whose Pod Identity wiring is broken fails here instead of in the tenant's first workload.
 *
 * The Job runs once. Terraform re-creates it when its spec changes (a new role name, image or
 * timeout); to run it again otherwise, replace it (`terraform apply -replace=<address>`).
 */
export class SmokeTest extends Construct {
  readonly job: JobV1;

  constructor(scope: Construct, id: string, input: SmokeTestProps) {
    super(scope, id);
    const props = { ...input, region: input.cluster.region };
    const jobName = props.jobName ?? tenantSmokeTestJobName(scope.node.id);
    const timeout = props.timeout ?? "5m";
    const m = DURATION.exec(timeout);
    const seconds = m ? Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as "s" | "m" | "h"] : 0;
    new PropChecker(`SmokeTest ${JSON.stringify(id)}`)
      .rule("namespace", rules.NAMESPACE, props.namespace)
      .rule("serviceAccount", rules.SERVICE_ACCOUNT, props.serviceAccount)
      .rule("roleName", rules.ROLE_NAME, props.roleName)
      .rule("jobName", rules.NAMESPACE, jobName)
      .that("timeout", seconds >= 120, `${JSON.stringify(timeout)} is not allowed: a duration such as 5m or 300s, at least 2 minutes`)
      .that("jobName", claimJobName(this, props.namespace, jobName), `${JSON.stringify(jobName)} in namespace ${JSON.stringify(props.namespace)} is already the name of the Job at ${jobNames.get(TerraformStack.of(this))?.get(`${props.namespace}/${jobName}`)}; Kubernetes allows one Job of a name per namespace. Give one of them another jobName`)
      .done();

    this.job = new JobV1(this, "job", {
      metadata: {
        name: terraformLiteral(jobName),
        namespace: terraformLiteral(props.namespace),
        labels: { "app.kubernetes.io/name": "pod-identity-smoke-test", "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" },
      },
      spec: {
        // Retries absorb the few seconds an association takes to reach every node (EKS user
        // guide, pod-id-association: associations are eventually consistent); each retry is a
        // new pod, which picks the credentials up.
        backoffLimit: 3,
        activeDeadlineSeconds: seconds - 60,
        template: {
          metadata: { labels: { "app.kubernetes.io/name": "pod-identity-smoke-test" } },
          spec: {
            serviceAccountName: terraformLiteral(props.serviceAccount),
            restartPolicy: "Never",
            // Pod Identity does not support Windows pods (EKS user guide, pod-identities).
            nodeSelector: { "kubernetes.io/os": "linux" },
            securityContext: { runAsNonRoot: true, runAsUser: "65534", seccompProfile: { type: "RuntimeDefault" } },
            container: [
              {
                name: "aws-cli",
                image: terraformLiteral(props.image ?? SMOKE_TEST_IMAGE),
                command: ["/bin/sh", "-c"],
                // Shell text, meant literally: a "${VAR}" added to it must reach the shell.
                args: [terraformLiteral(SMOKE_TEST_SCRIPT)],
                env: [
                  { name: "EXPECTED_ROLE_NAME", value: terraformLiteral(props.roleName) },
                  { name: "AWS_REGION", value: terraformLiteral(props.region) },
                  // The CLI's home for its config and cache; the non-root user has none.
                  { name: "HOME", value: "/tmp" },
                ],
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
              },
            ],
          },
        },
      },
      waitForCompletion: true,
      // The provider waits 1 minute by default (terraform-provider-kubernetes job_v1); bounded here.
      timeouts: { create: timeout, update: timeout },
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
  }
}

/** The Job names taken in each stack, by namespace, and by which construct. */
const jobNames = new WeakMap<TerraformStack, Map<string, string>>();

/** Takes `name` in `namespace` for `job`; false when another Job of the stack has it. */
function claimJobName(job: Construct, namespace: string, name: string): boolean {
  const stack = TerraformStack.of(job);
  const taken = jobNames.get(stack) ?? new Map<string, string>();
  jobNames.set(stack, taken);
  const key = `${namespace}/${name}`;
  const owner = taken.get(key);
  if (owner !== undefined && owner !== job.node.path) return false;
  taken.set(key, job.node.path);
  return true;
}
