import { problemsOf } from "./helpers";

describe("Kubernetes objects every cluster already has", () => {
  it("refuses to create built-in namespaces, default service accounts and those EKS or an add-on owns", async () => {
    const yaml = `clusters:
  - name: demo
    region: us-east-1
    addons: [{ name: aws-ebs-csi-driver, serviceAccount: ebs-sa }]
  - { name: other, region: us-east-1 }
tenants:
  - { name: a, namespace: kube-system, serviceAccount: a-sa, createNamespace: true, createServiceAccount: false }
  - { name: b, namespace: web, serviceAccount: default }
  - { name: c, namespace: kube-system, serviceAccount: aws-node }
  - { name: d, namespace: kube-system, serviceAccount: ebs-sa, clusters: [demo] }
  - { name: e, namespace: kube-system, serviceAccount: efs-csi-controller-sa, clusters: [other] }
  - { name: f, namespace: kube-system, serviceAccount: aws-node-ok, createNamespace: false }
  - { name: g, namespace: default, serviceAccount: default, createNamespace: true, createServiceAccount: false }
  - { name: h, namespace: kube-system, serviceAccount: aws-node, createServiceAccount: false, clusters: [other] }
`;
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:7:79: tenants[0].createNamespace: namespace \"kube-system\" exists on every Kubernetes cluster (default, kube-node-lease, kube-public, kube-system), so the stack must not create it; set createNamespace: false",
      "tenants.yaml:8:48: tenants[1].serviceAccount: every namespace already has a service account named \"default\", so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it",
      "tenants.yaml:9:56: tenants[2].serviceAccount: service account kube-system/aws-node belongs to the Amazon VPC CNI (vpc-cni), which EKS installs on every cluster, so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it",
      "tenants.yaml:10:56: tenants[3].serviceAccount: service account kube-system/ebs-sa belongs to the EKS add-on aws-ebs-csi-driver, which creates it, so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it",
      "tenants.yaml:10:56: tenants[3].serviceAccount: tenant \"d\" associates service account \"ebs-sa\" in namespace \"kube-system\" on cluster \"demo\", which add-on \"aws-ebs-csi-driver\" already associates; EKS allows one role per service account",
      "tenants.yaml:11:56: tenants[4].serviceAccount: service account kube-system/efs-csi-controller-sa belongs to the EKS add-on aws-efs-csi-driver, which creates it, so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it",
      "tenants.yaml:13:78: tenants[6].createNamespace: namespace \"default\" exists on every Kubernetes cluster (default, kube-node-lease, kube-public, kube-system), so the stack must not create it; set createNamespace: false",
      "tenants.yaml:14:56: tenants[7].serviceAccount: tenants \"c\" and \"h\" both associate service account \"aws-node\" in namespace \"kube-system\" on cluster \"other\"; EKS allows one role per service account",
    ]);
  });

  it("allows associating a role with such a service account when the stack does not create it", async () => {
    const yaml = `
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - { name: cni, namespace: kube-system, serviceAccount: aws-node, createServiceAccount: false }
  - { name: web, namespace: web, serviceAccount: default, createServiceAccount: false }
  - { name: dns, namespace: kube-system, serviceAccount: coredns-helper }
`;
    expect(await problemsOf(yaml)).toEqual([]);
  });
});
