import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { addPodIdentityRole, attachmentId, checkRoleSettings } from "../lib/constructs/pod-identity-role";
import { PropChecker } from "../lib/constructs/validate-props";
import { podIdentityTrustStatement } from "../lib/policy/trust";
import { resources, stackOf } from "./helpers";

describe("addPodIdentityRole", () => {
  const out = stackOf((s) =>
    addPodIdentityRole(s, {
      roleName: "r",
      trust: [podIdentityTrustStatement()],
      description: "d",
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      tags: { team: "a" },
    }),
  );

  it("creates the trust document, the role with the defaults, and one attachment per policy, under fixed IDs", () => {
    // The trust statement of the EKS user guide's pod-id-role page, written out by hand.
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "AllowEksAuthToAssumeRoleForPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:AssumeRole", "sts:TagSession"],
        },
      ],
    });
    expect(out).toHaveResourceWithProperties(IamRole, {
      name: "r",
      path: "/",
      max_session_duration: 3600,
      description: "d",
      tags: { team: "a" },
      assume_role_policy: "${data.aws_iam_policy_document.trust.json}",
    });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: "${aws_iam_role.role.name}", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect(Object.keys(resources(out, "aws_iam_role_policy_attachment"))).toEqual(["policy-aws-ReadOnlyAccess"]);
  });
});

describe("checkRoleSettings", () => {
  const problems = (settings: Parameters<typeof checkRoleSettings>[2], roleName = "ok") => {
    const check = new PropChecker("X");
    checkRoleSettings(check, roleName, settings);
    try {
      check.done();
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  };

  it("accepts sound settings", () => expect(problems({ rolePath: "/a/", maxSessionDuration: 43200 })).toBe(""));

  it("reports every bad setting together", () => {
    expect(problems({ rolePath: "a", maxSessionDuration: 3599, managedPolicyArns: ["x", "x"] }, "bad name")).toBe(
      [
        "X: invalid props:",
        `  - roleName: "bad name" is not a valid IAM role name: 1 to 64 characters of A-Z, a-z, 0-9 and + = , . @ _ -`,
        `  - rolePath: "a" is not a valid IAM path: '/' or a path that starts and ends with '/' with at least one character between slashes, at most 512 printable ASCII characters; /aws-service-role/ and below are reserved for service-linked roles`,
        "  - maxSessionDuration: 3599 is not allowed: a whole number of seconds from 3600 to 43200",
        "  - managedPolicyArns[1]: x is listed twice",
        `  - managedPolicyArns[0]: "x" is not an IAM policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<path/>name, the path without '//' and not under aws-service-role/`,
        `  - managedPolicyArns[1]: "x" is not an IAM policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<path/>name, the path without '//' and not under aws-service-role/`,
      ].join("\n"),
    );
  });

  it("refuses AWS managed policies and boundaries that do not exist, as the tenants file does", () => {
    expect(
      problems({
        permissionsBoundaryArn: "arn:aws:iam::aws:policy/service-role/PowerUserAccess",
        managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy", "arn:aws:iam::111122223333:policy/AmazonEBSCSIDriverPolicy"],
      }),
    ).toBe(
      [
        "X: invalid props:",
        '  - permissionsBoundaryArn: arn:aws:iam::aws:policy/service-role/PowerUserAccess is not an AWS managed policy: AWS publishes PowerUserAccess with no path; did you mean "arn:aws:iam::aws:policy/PowerUserAccess"?',
        '  - managedPolicyArns[0]: arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy is not an AWS managed policy: AWS publishes AmazonEBSCSIDriverPolicy under the path service-role/; did you mean "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"?',
      ].join("\n"),
    );
  });
});

it("attachmentId keeps account and path apart, so equal policy names never collide", () => {
  expect(attachmentId("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy")).toBe("policy-aws-service-role.AmazonEBSCSIDriverPolicy");
  expect(attachmentId("arn:aws:iam::111122223333:policy/AmazonEBSCSIDriverPolicy")).toBe("policy-111122223333-AmazonEBSCSIDriverPolicy");
});
