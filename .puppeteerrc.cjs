// puppeteer (installed with @mermaid-js/mermaid-cli, for the access review's picture) would
// download a browser of its own at `npm ci`; the project renders with the system's Chromium
// instead (lib/access/render-svg.ts), and installs may reach the npm registry only.
// https://pptr.dev/guides/configuration
module.exports = { skipDownload: true };
