/**
 * Where a stack keeps its state: a local file, an S3 key, or an HCP Terraform / Terraform
 * Enterprise workspace, each named after the stack (`<cluster>` or `<cluster>-<group>`), so that
 * every stack has a state of its own.
 */
import { localStatePath } from "../lib/terraform/state-path";
import { DataTerraformRemoteState, LocalBackend, S3Backend, TerraformBackend, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
import type { CloudState, S3State } from "../lib/schema/schema";
import { workspaceName } from "../lib/plan/stack-plan";
import { stateKey, stateKeyProblem } from "../lib/terraform/s3-state-key";

export interface StateSettings {
  readonly s3?: S3State;
  readonly cloud?: CloudState;
}

/**
 * Terraform's `cloud` block (https://developer.hashicorp.com/terraform/cli/cloud/settings),
 * written as cdktf's CloudBackend writes it, without the check CloudBackend adds: that one runs
 * `terraform version` through a shell for every stack at synthesis, which makes synthesis need a
 * terraform binary (a CI job that only synthesizes has none) and costs a process per stack. The
 * stack's required_version (>= 1.10, above the cloud block's 1.1) states the same requirement,
 * and terraform checks it at init.
 */
export class CloudBlock extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly settings: { organization: string; hostname?: string; workspace: string },
  ) {
    super(scope, "backend", "cloud");
  }

  override toTerraform(): any {
    const { organization, hostname, workspace } = this.settings;
    return { terraform: { cloud: { organization, ...(hostname ? { hostname } : {}), workspaces: { name: workspace } } } };
  }

  /** For SYNTH_HCL_OUTPUT: the block as cdktf's HCL renderer takes it, again as CloudBackend writes it. */
  override toHclTerraform(): any {
    const { organization, hostname, workspace } = this.settings;
    const workspaces = { value: { name: { value: workspace, type: "simple", storageClassType: "string" } }, isBlock: true, type: "map", storageClassType: "stringmap" };
    return { terraform: { cloud: { organization, ...(hostname ? { hostname } : {}), workspaces } } };
  }

  /** The stack's metadata (the `//` key of cdk.tf.json), as CloudBackend writes it. */
  override toMetadata(): any {
    const { hostname } = this.settings;
    return { ...super.toMetadata(), cloud: !hostname || hostname.startsWith("app.terraform.io") ? "tfc" : "tfe" };
  }

  getRemoteStateDataSource(scope: Construct, name: string): TerraformRemoteState {
    const { organization, hostname, workspace } = this.settings;
    return new DataTerraformRemoteState(scope, name, { organization, hostname, workspaces: { name: workspace } });
  }
}

/**
 * Backend settings are not templates in Terraform (a "${" in them is taken literally), so, unlike
 * every other user string, they are not escaped.
 */
export function addStateBackend(stack: Construct, stackName: string, state: StateSettings): void {
  if (state.cloud) {
    new CloudBlock(stack, { organization: state.cloud.organization, hostname: state.cloud.hostname, workspace: workspaceName(state.cloud, stackName) });
  } else if (state.s3) {
    const s3 = state.s3;
    const key = stateKey(s3.keyPrefix, stackName);
    // A TypeScript caller skips the file's checks; `terraform init` would refuse the key.
    const problem = stateKeyProblem(key);
    if (problem) throw new Error(`stack ${JSON.stringify(stackName)}: S3 state key ${JSON.stringify(key)}: ${problem}; check state.s3.keyPrefix`);
    const backend = new S3Backend(stack, { bucket: s3.bucket, region: s3.region, key, encrypt: true });
    // S3-native locking; CDKTF 0.21's S3BackendConfig has no field for it.
    // https://developer.hashicorp.com/terraform/language/backend/s3#use_lockfile
    backend.addOverride("use_lockfile", true);
  } else {
    // In the project root, outside the output folder, which synth rewrites (state-path.ts).
    new LocalBackend(stack, { path: localStatePath(stackName) });
  }
}
