import { addonOfOwner, compareAssociations, foreignAccount, formatReport, wantedAssociations, type LiveAssociation, type WantedAssociation } from "../lib/live/drift-compare";
import { planClusters } from "../lib/plan/plan";
import { configOf } from "./helpers";

const ACCT = "111122223333";
const role = (name: string, path = "/", account = ACCT) => `arn:aws:iam::${account}:role${path}${name}`;
const tenant = (owner: string, namespace: string, serviceAccount: string, roleName: string, extra: Partial<WantedAssociation> = {}): WantedAssociation => ({
  kind: "tenant",
  owner,
  namespace,
  serviceAccount,
  roleName,
  ...extra,
});
const live = (associationId: string, namespace: string, serviceAccount: string, roleArn: string, extra: Partial<LiveAssociation> = {}): LiveAssociation => ({
  associationId,
  namespace,
  serviceAccount,
  roleArn,
  ...extra,
});
const EBS_OWNER = `arn:aws:eks:us-east-1:${ACCT}:addon/demo/aws-ebs-csi-driver/12c5a1b2-0000-4000-8000-000000000000`;

describe("compareAssociations", () => {
  it("reports no drift when every wanted association is live with its role", () => {
    const r = compareAssociations("demo", [tenant("web", "web", "web-sa", "web.demo")], [live("a-1", "web", "web-sa", role("web.demo"))]);
    expect(r).toEqual({
      cluster: "demo",
      drift: false,
      rows: [{ status: "ok", namespace: "web", serviceAccount: "web-sa", owner: "tenant web", wantRole: "web.demo", liveRole: "web.demo", associationId: "a-1", note: "" }],
    });
  });

  it("reports a wanted association that is not live as missing", () => {
    const r = compareAssociations("demo", [tenant("web", "web", "web-sa", "web.demo")], []);
    expect(r.drift).toBe(true);
    expect(r.rows).toEqual([
      { status: "missing", namespace: "web", serviceAccount: "web-sa", owner: "tenant web", wantRole: "web.demo", liveRole: "-", associationId: "-", note: "no association; a deploy creates it" },
    ]);
  });

  it("reports a live association the file does not want as extra", () => {
    const r = compareAssociations("demo", [], [live("a-9", "old", "old-sa", role("old.demo"))]);
    expect(r.drift).toBe(true);
    expect(r.rows).toEqual([
      { status: "extra", namespace: "old", serviceAccount: "old-sa", owner: "", wantRole: "-", liveRole: "old.demo", associationId: "a-9", note: "not in the tenants file: a removed tenant, or made by another tool" },
    ]);
  });

  it("flags a service account associated with another role as a conflict, with the import ID and address", () => {
    const r = compareAssociations(
      "demo",
      [tenant("web", "web", "web-sa", "web.demo", { address: "aws_eks_pod_identity_association.web_association_B350E0D8" })],
      [live("a-2", "web", "web-sa", role("hand-made"))],
    );
    expect(r.drift).toBe(true);
    expect(r.rows).toEqual([
      {
        status: "conflict",
        namespace: "web",
        serviceAccount: "web-sa",
        owner: "tenant web",
        wantRole: "web.demo",
        liveRole: "hand-made",
        associationId: "a-2",
        note: "already associated: it uses role hand-made, not web.demo; unless the stack's state holds it, a deploy fails (one role per service account): import it, and the deploy then sets the role",
        importId: "demo,a-2",
        address: "aws_eks_pod_identity_association.web_association_B350E0D8",
      },
    ]);
  });

  it("compares the role's path and, when the file pins it, its account", () => {
    const w = [tenant("api", "api", "api-sa", "api-role", { rolePath: "/teams/", accountId: ACCT })];
    expect(compareAssociations("demo", w, [live("a-1", "api", "api-sa", role("api-role", "/teams/"))]).rows[0]!.status).toBe("ok");
    expect(compareAssociations("demo", w, [live("a-1", "api", "api-sa", role("api-role"))]).rows[0]!.note).toMatch(/^already associated: it uses role api-role, not \/teams\/api-role;/);
    expect(compareAssociations("demo", w, [live("a-1", "api", "api-sa", role("api-role", "/teams/", "444455556666"))]).rows[0]!.note).toMatch(
      /^already associated: its role is in account 444455556666, not 111122223333;/,
    );
    // Without accountId the account is not compared.
    expect(compareAssociations("demo", [tenant("api", "api", "api-sa", "api-role", { rolePath: "/teams/" })], [live("a-1", "api", "api-sa", role("api-role", "/teams/", "444455556666"))]).rows[0]!.status).toBe("ok");
  });

  it("treats a role that is not an IAM role ARN as a conflict", () => {
    const r = compareAssociations("demo", [tenant("web", "web", "web-sa", "web.demo")], [live("a-1", "web", "web-sa", "garbage")]);
    expect(r.rows[0]).toMatchObject({ status: "conflict", liveRole: "garbage", note: expect.stringMatching(/^already associated: its role garbage is not an IAM role ARN;/) });
  });

  it("reports other settings as different, a target role the file does not want included", () => {
    const w = tenant("x", "x", "x", "x.demo", { targetRoleArn: role("reader", "/", "444455556666"), disableSessionTags: true });
    const r = compareAssociations("demo", [w], [live("a-1", "x", "x", role("x.demo"), { disableSessionTags: false })]);
    expect(r.drift).toBe(true);
    expect(r.rows[0]).toMatchObject({
      status: "different",
      note: "targetRoleArn is unset, want arn:aws:iam::444455556666:role/reader; disableSessionTags is false, want true; a deploy changes it",
    });
    expect(compareAssociations("demo", [tenant("x", "x", "x", "x.demo")], [live("a-1", "x", "x", role("x.demo"), { disableSessionTags: true, targetRoleArn: "t" })]).rows[0]).toMatchObject({
      status: "different",
      note: "targetRoleArn is t, want unset; a deploy changes it",
    });
    // disableSessionTags is compared only when the wanted association says (tenants always do).
    expect(compareAssociations("demo", [tenant("x", "x", "x", "x.demo")], [live("a-1", "x", "x", role("x.demo"), { disableSessionTags: true })]).rows[0]!.status).toBe("ok");
  });

  it("flags a tenant on a service account an add-on owns as a conflict that cannot be imported", () => {
    const r = compareAssociations("demo", [tenant("ebs", "kube-system", "ebs-csi-controller-sa", "ebs.demo")], [live("a-3", "kube-system", "ebs-csi-controller-sa", role("x"), { ownerArn: EBS_OWNER })]);
    expect(r.rows).toEqual([
      {
        status: "conflict",
        namespace: "kube-system",
        serviceAccount: "ebs-csi-controller-sa",
        owner: "tenant ebs",
        wantRole: "ebs.demo",
        liveRole: "x",
        associationId: "a-3",
        note: "owned by add-on aws-ebs-csi-driver; an add-on's association cannot be imported or adopted: remove it from the add-on, or give the tenant another service account",
      },
    ]);
  });

  describe("add-ons", () => {
    const ebs: WantedAssociation = { kind: "addon", owner: "aws-ebs-csi-driver", namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", roleName: "addon.aws-ebs-csi-driver.demo" };

    it("matches an add-on's own association by its owner", () => {
      const r = compareAssociations("demo", [ebs], [live("a-4", "kube-system", "ebs-csi-controller-sa", role("addon.aws-ebs-csi-driver.demo"), { ownerArn: EBS_OWNER })]);
      expect(r).toMatchObject({ drift: false, rows: [{ status: "ok", owner: "add-on aws-ebs-csi-driver", associationId: "a-4" }] });
    });

    it("reports an add-on association with another role as different: the deploy updates it", () => {
      const r = compareAssociations("demo", [ebs], [live("a-4", "kube-system", "ebs-csi-controller-sa", role("old"), { ownerArn: EBS_OWNER })]);
      expect(r.rows[0]).toMatchObject({ status: "different", note: "it uses role old, not addon.aws-ebs-csi-driver.demo; a deploy updates the add-on's association" });
    });

    it("reports a missing add-on association, and a standalone one in its way as a conflict", () => {
      expect(compareAssociations("demo", [ebs], []).rows[0]).toMatchObject({ status: "missing", namespace: "kube-system", note: "no association owned by the add-on; a deploy creates it" });
      const r = compareAssociations("demo", [ebs], [live("a-5", "kube-system", "ebs-csi-controller-sa", role("eksctl-made"))]);
      expect(r.rows).toEqual([
        {
          status: "conflict",
          namespace: "kube-system",
          serviceAccount: "ebs-csi-controller-sa",
          owner: "add-on aws-ebs-csi-driver",
          wantRole: "addon.aws-ebs-csi-driver.demo",
          liveRole: "eksctl-made",
          associationId: "a-5",
          note: "a standalone association holds the add-on's service account; an add-on cannot adopt it: delete it (aws eks delete-pod-identity-association) before the deploy",
        },
      ]);
    });

    it("matches an unknown add-on in any namespace", () => {
      const vendor: WantedAssociation = { kind: "addon", owner: "vendor_agent", serviceAccount: "vendor-sa", roleName: "addon.vendor_agent.demo" };
      const owner = `arn:aws:eks:us-east-1:${ACCT}:addon/demo/vendor_agent/abc`;
      expect(compareAssociations("demo", [vendor], [live("a-6", "vendor-system", "vendor-sa", role("addon.vendor_agent.demo"), { ownerArn: owner })]).rows[0]).toMatchObject({
        status: "ok",
        namespace: "vendor-system",
      });
      expect(compareAssociations("demo", [vendor], []).rows[0]).toMatchObject({ status: "missing", namespace: "?" });
    });

    it("lists associations of add-ons the file does not manage without calling them drift", () => {
      const r = compareAssociations("demo", [], [live("a-7", "kube-system", "aws-node", role("cni"), { ownerArn: `arn:aws:eks:us-east-1:${ACCT}:addon/demo/vpc-cni/x` })]);
      expect(r).toEqual({
        cluster: "demo",
        drift: false,
        rows: [
          {
            status: "add-on",
            namespace: "kube-system",
            serviceAccount: "aws-node",
            owner: "add-on vpc-cni",
            wantRole: "-",
            liveRole: "cni",
            associationId: "a-7",
            note: "owned by add-on vpc-cni, which clusters[].addons does not list; not drift",
          },
        ],
      });
    });
  });

  it("sorts rows by namespace and service account, whatever the input order", () => {
    const r = compareAssociations(
      "demo",
      [tenant("b", "b", "sa", "b.demo"), tenant("a", "a", "sa", "a.demo")],
      [live("a-2", "z", "sa", role("z")), live("a-1", "b", "sa", role("b.demo"))],
    );
    expect(r.rows.map((x) => `${x.status} ${x.namespace}`)).toEqual(["missing a", "ok b", "extra z"]);
  });
});

describe("wantedAssociations", () => {
  it("derives tenant and add-on associations from a cluster's plan", async () => {
    const config = await configOf(`
clusters:
  - name: demo
    region: us-east-1
    accountId: "${ACCT}"
    addons: [{ name: aws-ebs-csi-driver }, { name: vendor_agent, serviceAccount: v-sa, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }]
  - name: other
    region: us-east-1
tenants:
  - { name: web, namespace: web, serviceAccount: web-sa, role: { path: /teams/ } }
  - { name: elsewhere, namespace: x, serviceAccount: x, clusters: [other] }
  - { name: far, namespace: far, serviceAccount: app, targetRoleArn: "arn:aws:iam::444455556666:role/reader", disableSessionTags: true, trust: { scopeToServiceAccount: false } }
  - { name: member, namespace: member, serviceAccount: app, sharedRole: teams }
sharedRoles: [{ name: teams, role: { path: /shared/ } }]
`);
    const plan = planClusters(config)[0]!;
    expect(wantedAssociations(plan, new Map([["web", "aws_eks_pod_identity_association.web_association_X"]]))).toEqual([
      {
        kind: "tenant",
        owner: "far",
        namespace: "far",
        serviceAccount: "app",
        roleName: "far.demo",
        rolePath: "/",
        accountId: ACCT,
        targetRoleArn: "arn:aws:iam::444455556666:role/reader",
        disableSessionTags: true,
        address: undefined,
      },
      // A member of a shared role wants the shared role.
      { kind: "tenant", owner: "member", namespace: "member", serviceAccount: "app", roleName: "teams.demo", rolePath: "/shared/", accountId: ACCT, targetRoleArn: undefined, disableSessionTags: false, address: undefined },
      {
        kind: "tenant",
        owner: "web",
        namespace: "web",
        serviceAccount: "web-sa",
        roleName: "web.demo",
        rolePath: "/teams/",
        accountId: ACCT,
        targetRoleArn: undefined,
        disableSessionTags: false,
        address: "aws_eks_pod_identity_association.web_association_X",
      },
      { kind: "addon", owner: "aws-ebs-csi-driver", namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", roleName: "addon.aws-ebs-csi-driver.demo", rolePath: "/", accountId: ACCT },
      { kind: "addon", owner: "vendor_agent", namespace: undefined, serviceAccount: "v-sa", roleName: "addon.vendor_agent.demo", rolePath: "/", accountId: ACCT },
    ]);
  });
});

describe("parsing ARNs", () => {
  it("reads the add-on name from an owner ARN", () => {
    expect(addonOfOwner(EBS_OWNER)).toBe("aws-ebs-csi-driver");
    expect(addonOfOwner(undefined)).toBeUndefined();
    expect(addonOfOwner("something-else")).toBe("something-else");
  });
});

describe("formatReport", () => {
  it("prints an aligned table, a summary and import commands for conflicts", () => {
    const r = compareAssociations(
      "demo",
      [tenant("web", "web", "web-sa", "web.demo", { address: "aws_eks_pod_identity_association.web_association_B350E0D8" }), tenant("api", "api", "api-sa", "api.demo"), tenant("db", "db", "db-sa", "db.demo")],
      [live("a-1", "api", "api-sa", role("api.demo")), live("a-2", "web", "web-sa", role("hand-made")), live("a-3", "db", "db-sa", role("other"))],
    );
    expect(formatReport(r)).toBe(
      [
        "STATUS    NAMESPACE/SERVICE-ACCOUNT  OWNER       WANT ROLE  LIVE ROLE  ASSOCIATION  NOTE",
        "ok        api/api-sa                 tenant api  api.demo   api.demo   a-1",
        "conflict  db/db-sa                   tenant db   db.demo    other      a-3          already associated: it uses role other, not db.demo; unless the stack's state holds it, a deploy fails (one role per service account): import it, and the deploy then sets the role",
        "conflict  web/web-sa                 tenant web  web.demo   hand-made  a-2          already associated: it uses role hand-made, not web.demo; unless the stack's state holds it, a deploy fails (one role per service account): import it, and the deploy then sets the role",
        "",
        "demo: drift: 1 ok, 0 missing, 0 extra, 0 different, 2 conflict, 0 add-on",
        "",
        "To adopt a conflicting association, import it into the stack's state (after npm run synth, in cdktf.out/stacks/demo):",
        "  terraform import '<address of tenant db's aws_eks_pod_identity_association>' 'demo,a-3'",
        "  terraform import 'aws_eks_pod_identity_association.web_association_B350E0D8' 'demo,a-2'",
        "",
      ].join("\n"),
    );
  });

  it("sends the import of a grouped tenant's association to its group's stack", async () => {
    const config = await configOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - { name: web, namespace: web, serviceAccount: web-sa }
  - { name: api, namespace: api, serviceAccount: api-sa, stack: blue }
`);
    const wanted = wantedAssociations(planClusters(config)[0]!, new Map([["web", "aws_eks_pod_identity_association.w"], ["api", "aws_eks_pod_identity_association.a"]]));
    const r = compareAssociations("demo", wanted, [live("a-1", "api", "api-sa", role("hand-made")), live("a-2", "web", "web-sa", role("other"))]);
    const text = formatReport(r);
    expect(text.slice(text.indexOf("demo: drift:"))).toBe(
      [
        "demo: drift: 0 ok, 0 missing, 0 extra, 0 different, 2 conflict, 0 add-on",
        "",
        "To adopt a conflicting association, import it into the stack's state (after npm run synth, in cdktf.out/stacks/demo-blue):",
        "  terraform import 'aws_eks_pod_identity_association.a' 'demo,a-1'",
        "To adopt a conflicting association, import it into the stack's state (after npm run synth, in cdktf.out/stacks/demo):",
        "  terraform import 'aws_eks_pod_identity_association.w' 'demo,a-2'",
        "",
      ].join("\n"),
    );
  });

  it("prints only the summary for a cluster with nothing on either side", () => {
    expect(formatReport(compareAssociations("demo", [], []))).toBe("demo: no drift: 0 ok, 0 missing, 0 extra, 0 different, 0 conflict, 0 add-on\n");
  });
});

describe("foreignAccount", () => {
  const at = (account: string) => ({ associationId: "a", namespace: "n", serviceAccount: "s", associationArn: `arn:aws:eks:us-east-1:${account}:podidentityassociation/demo/a` });
  it("names the other account the live associations belong to", () => {
    expect(foreignAccount([at("111122223333"), at("999999999999")], "111122223333")).toBe("999999999999");
  });
  it("says nothing when the accounts agree, the file pins none, or nothing is live", () => {
    expect(foreignAccount([at("111122223333")], "111122223333")).toBeUndefined();
    expect(foreignAccount([at("999999999999")], undefined)).toBeUndefined();
    expect(foreignAccount([], "111122223333")).toBeUndefined();
  });
});

describe("controllers in drift", () => {
  const text = `
clusters:
  - name: demo
    region: us-east-1
    accountId: "${ACCT}"
    controllers:
      - name: external-dns
        hostedZoneArns: [arn:aws:route53:::hostedzone/Z1]
`;

  it("wants a controller's association in its chart's namespace and service account, with its role", async () => {
    const [plan] = planClusters(await configOf(text));
    expect(wantedAssociations(plan!, new Map([["controller external-dns", "aws_eks_pod_identity_association.x"]]))).toEqual([
      {
        kind: "controller",
        owner: "external-dns",
        namespace: "default",
        serviceAccount: "external-dns",
        roleName: "controller.external-dns.demo",
        rolePath: "/",
        accountId: ACCT,
        disableSessionTags: false,
        address: "aws_eks_pod_identity_association.x",
      },
    ]);
  });

  it("shows a controller's association as the controller's, and a hand-made one as a conflict to import", async () => {
    const [plan] = planClusters(await configOf(text));
    const wanted = wantedAssociations(plan!, new Map([["controller external-dns", "aws_eks_pod_identity_association.x"]]));
    expect(compareAssociations("demo", wanted, [live("a-1", "default", "external-dns", role("controller.external-dns.demo"))]).rows).toEqual([
      { status: "ok", namespace: "default", serviceAccount: "external-dns", owner: "controller external-dns", wantRole: "controller.external-dns.demo", liveRole: "controller.external-dns.demo", associationId: "a-1", note: "" },
    ]);
    const r = compareAssociations("demo", wanted, [live("a-2", "default", "external-dns", role("eksctl-demo-external-dns"))]);
    expect(r.rows).toEqual([
      {
        status: "conflict",
        namespace: "default",
        serviceAccount: "external-dns",
        owner: "controller external-dns",
        wantRole: "controller.external-dns.demo",
        liveRole: "eksctl-demo-external-dns",
        associationId: "a-2",
        note: "already associated: it uses role eksctl-demo-external-dns, not controller.external-dns.demo; unless the stack's state holds it, a deploy fails (one role per service account): import it, and the deploy then sets the role",
        importId: "demo,a-2",
        address: "aws_eks_pod_identity_association.x",
      },
    ]);
  });
});
