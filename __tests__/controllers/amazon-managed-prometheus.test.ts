import { allows, policyOf } from "../policy-eval";

const WS = "arn:aws:aps:us-east-1:111122223333:workspace/ws-12345678-abcd-1234-abcd-123456789012";

describe("amazon-managed-prometheus (AmazonPrometheusRemoteWriteAccess, narrowed)", () => {
  const p = policyOf({ name: "amazon-managed-prometheus", workspaceArns: [WS] });

  it("remote-writes only to the listed workspaces, and reads nothing", () => {
    expect(allows(p, "aps:RemoteWrite", WS)).toBe(true);
    expect(allows(p, "aps:RemoteWrite", "arn:aws:aps:us-east-1:111122223333:workspace/ws-99999999-abcd-1234-abcd-123456789012")).toBe(false);
    expect(allows(p, "aps:QueryMetrics", WS)).toBe(false);
  });
});
