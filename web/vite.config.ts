// Vite builds web/src into web/dist: one hashed script and one hashed
// stylesheet under assets/, served by `carecoop serve --web web/dist`
// (docs/web.md). No inline script or style is emitted, so the app runs
// under the server's Content-Security-Policy (no 'unsafe-inline').
import { cpSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";

// The Design System's icons (the CSS points at /static/images/): copied
// from the two packages into dist/static/images after the bundle is written.
function designSystemImages(): Plugin {
  return {
    name: "carecoop-design-system-images",
    apply: "build",
    writeBundle() {
      for (const from of [
        "node_modules/govuk-frontend/dist/govuk/assets/images",
        "node_modules/@ministryofjustice/frontend/moj/assets/images",
      ])
        cpSync(from, "dist/static/images", { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [designSystemImages()],
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0, // a data: URL for a font or image is still fetched as a file
    modulePreload: { polyfill: false }, // the polyfill is an inline script
    reportCompressedSize: true,
    sourcemap: false,
  },
  css: {
    preprocessorOptions: {
      scss: {
        // govuk-frontend's Sass: quiet the deprecations it has not yet moved off.
        quietDeps: true,
        loadPaths: ["node_modules", "."],
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8080", "/openapi.json": "http://localhost:8080" } },
});
