/** examples/ci/access-review.yml: the GitHub Actions recipe that builds the HTML access review of a pull request and uploads it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./run";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
const workflow = parse(readFileSync(join(ROOT, "examples", "ci", "access-review.yml"), "utf8")) as { on: unknown; env: Record<string, string>; jobs: { review: { steps: Step[] } } };
const steps = workflow.jobs.review.steps;
const runs = steps.map((s) => s.run ?? "").join("\n");

it("compares the pull request's tenants file with the base branch's, as HTML and as Markdown", () => {
  expect(runs).toContain('git show "FETCH_HEAD:$TENANTS_FILE" > "$RUNNER_TEMP/base.yaml"');
  expect(runs).toContain('npm run -s access -- --base "$RUNNER_TEMP/base.yaml" --format html > access-review.html');
  expect(runs).toContain('npm run -s access -- --base "$RUNNER_TEMP/base.yaml" --format md >> "$GITHUB_STEP_SUMMARY"');
});

it("renders the picture with the runner's browser, never one downloaded at install", () => {
  expect(workflow.env.PUPPETEER_SKIP_DOWNLOAD).toBe("1");
  expect(runs).toContain('export CHROMIUM_PATH="$(command -v google-chrome || command -v chromium)"');
});

it("uploads the page as an artifact", () => {
  const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
  expect(upload?.with).toEqual({ name: "access-review", path: "access-review.html" });
  // Built before it is uploaded.
  expect(steps.indexOf(upload!)).toBeGreaterThan(steps.findIndex((s) => s.run?.includes("--format html")));
});
