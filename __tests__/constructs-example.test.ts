import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Testing } from "cdktf";
import * as ts from "typescript";
import { OrdersStack } from "../examples/typescript/constructs-app";
import { dataSources, resources } from "./helpers";
import { ROOT } from "./run";

jest.setTimeout(120_000);

const EXAMPLE = join(ROOT, "examples", "typescript", "constructs-app.ts");

/** The TypeScript app docs/library.md gives as `main.ts`. */
function librarySnippet(): string {
  const page = readFileSync(join(ROOT, "docs", "library.md"), "utf8");
  const section = page.slice(page.indexOf("<!-- file: main.ts -->"));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error("docs/library.md: no ```ts block under <!-- file: main.ts -->");
  return m[1]!;
}

it("the TypeScript example synthesizes a tenant identity with a policy of its own, over one cluster look-up", () => {
  const out = Testing.synth(new OrdersStack(Testing.app(), "orders"));
  const [roleId] = Object.keys(resources(out, "aws_iam_role"));
  const [addonId] = Object.keys(resources(out, "aws_eks_addon"));
  expect(Object.keys(dataSources(out, "aws_eks_cluster"))).toEqual(["eks_cluster"]);
  expect(dataSources(out, "aws_caller_identity")).toEqual({});
  expect(out).toHaveResourceWithProperties(IamRole, { name: "orders.prod-eu" });
  expect(out).toHaveResourceWithProperties(EksPodIdentityAssociation, {
    cluster_name: "prod-eu",
    namespace: "orders",
    service_account: "orders-api",
    depends_on: [`aws_eks_addon.${addonId}`],
  });
  expect(out).toHaveResourceWithProperties(IamRolePolicy, { role: `\${aws_iam_role.${roleId}.name}`, name: "least-privilege" });
  expect(out).toHaveResourceWithProperties(IamRolePolicy, {
    role: `\${aws_iam_role.${roleId}.name}`,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["events:PutEvents"], Resource: "arn:aws:events:eu-west-1:111122223333:event-bus/orders" }] }),
  });
  expect(out).not.toHaveResource(ServiceAccountV1);
});

it("docs/library.md shows exactly the example, importing the package by name", () => {
  const example = readFileSync(EXAMPLE, "utf8");
  expect(example).toContain('from "../../lib";');
  expect(librarySnippet()).toBe(example.replace('from "../../lib";', 'from "eks-pod-identity-tenants";'));
});

describe("the library page's app, as a user's app", () => {
  const dir = mkdtempSync(join(tmpdir(), "readme-snippet-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A user's project: the snippet beside node_modules, with the package where its name points.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const source = (libPath: string) => librarySnippet().replace('from "eks-pod-identity-tenants";', `from ${JSON.stringify(libPath)};`);

  // Against the package's declarations (package.json "types"), as a user's compiler sees it:
  // the sources behind them are type-checked by `npm run typecheck`, and checking them again
  // here cost about 4 s.
  it("type-checks under the project's compiler settings, against the package's declarations", () => {
    const file = join(dir, "app.ts");
    writeFileSync(file, source(join(ROOT, "dist", "lib")));
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram([file], { ...config.options, rootDir: undefined, noEmit: true, types: ["node"] });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });

  it("passes the real `cdktf synth`, offline", () => {
    const js = ts.transpileModule(source(join(ROOT, "dist", "lib")), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, "app.js"), js);
    // fresh-dist first, as this project's own app command does: dist/ matches the sources.
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: `node --require ${join(ROOT, "scripts", "fresh-dist.js")} app.js`, output: "cdktf.out" }));
    const cli = spawnSync(process.execPath, [require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] }), "synth"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: undefined, NO_COLOR: "1" },
    });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: "" });
    expect(cli.stdout).toContain("Generated Terraform code for the stacks: orders");
    const stack = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "orders", "cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.data.aws_eks_cluster)).toEqual(["eks_cluster"]);
    expect(stack.resource.aws_eks_pod_identity_association).toBeDefined();
    expect(Object.keys(stack.output)).toEqual(["tenants"]);
    expect(Object.keys(stack.output.tenants.value.orders).sort()).toEqual(["association_arn", "association_id", "role_arn", "role_name"]);
  });
});
