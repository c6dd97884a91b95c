/** lib/live/sdk-limits.ts: the request an AWS error came from, in its one line. */
import { formatRequest, requestOf } from "../lib/live/sdk-limits";

it("formats a request as method and URL, with its query", () => {
  expect(formatRequest({ method: "GET", protocol: "https:", hostname: "eks.eu-west-1.amazonaws.com", path: "/clusters/demo/pod-identity-associations", query: { maxResults: "100", nextToken: "a b" } })).toBe(
    "GET https://eks.eu-west-1.amazonaws.com/clusters/demo/pod-identity-associations?maxResults=100&nextToken=a+b",
  );
  expect(formatRequest({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 8080, path: "/" })).toBe("POST http://127.0.0.1:8080/");
});

it("names the HTTP status and the request of an error, as far as they are known", () => {
  expect(requestOf({ $metadata: { httpStatusCode: 404 }, $request: "GET https://x/y" })).toBe(" (HTTP 404 from GET https://x/y)");
  expect(requestOf({ $response: { statusCode: 502 } })).toBe(" (HTTP 502)");
  expect(requestOf(new Error("plain"))).toBe("");
});
