import { allows, policyOf } from "../policy-eval";
import { simulate } from "../simulate";
import { problemsOf } from "../helpers";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
const SECRETS = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*";
const PARAMS = "arn:aws:ssm:us-east-1:111122223333:parameter/prod/*";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("external-secrets (v2.9.0 AWS provider docs)", () => {
  it("reads only the listed secrets and parameters", () => {
    const p = policyOf({ name: "external-secrets", secretsManagerArns: [SECRETS], ssmParameterArns: [PARAMS] });
    expect(allows(p, "secretsmanager:GetSecretValue", SECRET)).toBe(true);
    expect(allows(p, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:dev/db-AbCdEf")).toBe(false);
    expect(allows(p, "ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db/url")).toBe(true);
    expect(allows(p, "ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/dev/db/url")).toBe(false);
    expect(allows(p, "secretsmanager:ListSecrets", "*")).toBe(true);
  });

  it("writes nothing unless createSecrets is set", () => {
    const p = policyOf({ name: "external-secrets", secretsManagerArns: [SECRETS], ssmParameterArns: [PARAMS] });
    expect(allows(p, "secretsmanager:CreateSecret", SECRET)).toBe(false);
    expect(allows(p, "secretsmanager:PutSecretValue", SECRET)).toBe(false);
    expect(allows(p, "ssm:PutParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db/url")).toBe(false);
  });

  it("with createSecrets, pushes to the listed secrets and deletes only those tagged managed-by: external-secrets", () => {
    const p = policyOf({ name: "external-secrets", secretsManagerArns: [SECRETS], createSecrets: true });
    expect(allows(p, "secretsmanager:PutSecretValue", SECRET)).toBe(true);
    expect(allows(p, "secretsmanager:PutSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:dev/db-AbCdEf")).toBe(false);
    expect(allows(p, "secretsmanager:DeleteSecret", SECRET, { "secretsmanager:ResourceTag/managed-by": "external-secrets" })).toBe(true);
    expect(allows(p, "secretsmanager:DeleteSecret", SECRET)).toBe(false);
  });

  it("uses the listed KMS keys, decrypting only unless it writes", () => {
    const read = policyOf({ name: "external-secrets", ssmParameterArns: [PARAMS], kmsKeyArns: [KEY] });
    expect(allows(read, "kms:Decrypt", KEY)).toBe(true);
    expect(allows(read, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab")).toBe(false);
    expect(allows(read, "kms:GenerateDataKey", KEY)).toBe(false);
    expect(allows(read, "secretsmanager:ListSecrets", "*")).toBe(false);
    const write = policyOf({ name: "external-secrets", ssmParameterArns: [PARAMS], kmsKeyArns: [KEY], createSecrets: true });
    expect(allows(write, "kms:GenerateDataKey", KEY)).toBe(true);
  });

  it("finds parameters by tag or path only with findParameters, on * as those actions require, and still reads only the listed ones", async () => {
    const off = policyOf({ name: "external-secrets", ssmParameterArns: [PARAMS] });
    expect(await simulate(off, "ssm:DescribeParameters", "*")).toBe("ImplicitlyDenied");
    expect(await simulate(off, "tag:GetResources", "*")).toBe("ImplicitlyDenied");
    const on = policyOf({ name: "external-secrets", ssmParameterArns: [PARAMS], findParameters: true });
    expect(on.find((s) => s.actions.includes("ssm:DescribeParameters"))).toEqual({ sid: "FindParameters", effect: "Allow", actions: ["ssm:DescribeParameters", "tag:GetResources"], resources: ["*"] });
    expect(await simulate(on, "ssm:DescribeParameters", "*")).toBe("Allowed");
    expect(await simulate(on, "tag:GetResources", "*")).toBe("Allowed");
    expect(await simulate(on, "ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db/url")).toBe("Allowed");
    expect(await simulate(on, "ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/dev/db/url")).toBe("ImplicitlyDenied");
    expect(await simulate(on, "ssm:PutParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db/url")).toBe("ImplicitlyDenied");
  });

  it("refuses findParameters without ssmParameterArns, in the file", async () => {
    expect(
      await problemsOf(`
clusters:
  - name: demo
    region: us-east-1
    controllers:
      - name: external-secrets
        secretsManagerArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*"]
        findParameters: true
`),
    ).toEqual([
      "tenants.yaml:8:25: clusters[0].controllers[0].findParameters: external-secrets findParameters needs ssmParameterArns: the parameters it may read once found; finding alone would list every parameter's name and read none",
    ]);
  });
});
