import { problemsOf } from "./helpers";

describe("deploy roles against their accounts", () => {
  it("refuses a bad account key, a role of another account, another partition, and a cluster role without accountId", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
  - { name: b, region: us-gov-west-1, accountId: "444455556666", deployRoleArn: "arn:aws:iam::444455556666:role/deploy" }
  - { name: c, region: us-east-1, deployRoleArn: "arn:aws:iam::777788889999:role/deploy" }
  - { name: d, region: us-east-1, accountId: "123456789012", deployRoleArn: "arn:aws:iam::210987654321:role/deploy" }
accounts:
  "11112222333x":
    deployRoleArn: arn:aws:iam::111122223333:role/deploy
  "111122223333":
    deployRoleArn: arn:aws:iam::999922223333:role/deploy
    sessionName: "a b"
`;
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:4:81: clusters[1].deployRoleArn: deploy role arn:aws:iam::444455556666:role/deploy is in partition aws, but cluster \"b\" is in us-gov-west-1, of partition aws-us-gov",
      'tenants.yaml:5:50: clusters[2].deployRoleArn: cluster "c" has a deploy role but no accountId; set accountId: "777788889999" (the role\'s account)',
      'tenants.yaml:6:77: clusters[3].deployRoleArn: deploy role arn:aws:iam::210987654321:role/deploy is in account 210987654321, but cluster "d" is in account 123456789012; a cluster\'s deploy role must be in its account',
      'tenants.yaml:8:3: accounts["11112222333x"]: "11112222333x" is not an AWS account ID: exactly 12 digits, quoted',
      'tenants.yaml:12:18: accounts["111122223333"].sessionName: "a b" is not a valid STS role session name: 2 to 64 characters of A-Z, a-z, 0-9 and + = , . @ _ -',
    ]);
  });

  it("once the fields are valid, refuses the account's role in another account", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
accounts:
  "111122223333":
    deployRoleArn: arn:aws:iam::999922223333:role/deploy
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:20: accounts["111122223333"].deployRoleArn: deploy role arn:aws:iam::999922223333:role/deploy is in account 999922223333, not 111122223333; the deploy role of an account must be a role of that account',
    ]);
  });

  it("refuses an account's role in another partition than a cluster of the account, unless the cluster has its own", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-gov-west-1, accountId: "111122223333" }
  - { name: b, region: us-gov-east-1, accountId: "111122223333", deployRoleArn: "arn:aws-us-gov:iam::111122223333:role/deploy" }
accounts:
  "111122223333": { deployRoleArn: "arn:aws:iam::111122223333:role/deploy" }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:36: accounts["111122223333"].deployRoleArn: deploy role arn:aws:iam::111122223333:role/deploy is in partition aws, but cluster "a" is in us-gov-west-1, of partition aws-us-gov',
    ]);
  });

  it("warns about an account no cluster is in, and an external ID that get-token cannot send", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
accounts:
  "111122223333": { deployRoleArn: "arn:aws:iam::111122223333:role/deploy", externalId: "ci-4711" }
  "444455556666": { deployRoleArn: "arn:aws:iam::444455556666:role/deploy" }
`;
    expect(await problemsOf(yaml)).toEqual([
      'warning: tenants.yaml:5:89: accounts["111122223333"].externalId: the Kubernetes and Helm providers sign their token with aws eks get-token --role-arn, which sends no external ID; a trust policy that requires sts:ExternalId refuses them, so let the CI identity assume this role without it or drop externalId',
      'warning: tenants.yaml:6:19: accounts["444455556666"]: no cluster has accountId "444455556666", so this deploy role applies to none; clusters are matched to accounts by accountId',
    ]);
  });

  it("accepts session names and external IDs at the STS limits", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
accounts:
  "111122223333": { deployRoleArn: "arn:aws:iam::111122223333:role/deploy", sessionName: "${"s".repeat(64)}" }
`;
    expect(await problemsOf(yaml)).toEqual([]);
    expect((await problemsOf(yaml.replace("s".repeat(64), "s".repeat(65))))[0]).toContain("is not a valid STS role session name");
    expect((await problemsOf(yaml.replace(`sessionName: "${"s".repeat(64)}"`, `externalId: "${"e:/".repeat(408)}"`)))).toHaveLength(1);
    expect((await problemsOf(yaml.replace(`sessionName: "${"s".repeat(64)}"`, `externalId: "${"e:/".repeat(408)}x"`)))[0]).toContain("is not a valid STS external ID");
  });
});
