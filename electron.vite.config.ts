import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/**
 * The entry (src/boot.ts) is small and loads the app with a dynamic import; this tells the
 * browser to fetch the app's code with the page, instead of after the entry has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'csmdesk-preload-app',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const main = Object.values(context.bundle ?? {}).find(
          (chunk) => chunk.type === 'chunk' && chunk.name === 'main',
        )
        if (!main || main.type !== 'chunk') return []
        return [main.fileName, ...main.imports].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron main process.
          index: resolve('src-main/electron/main.ts'),
          // The headless host and its token tool, run with plain Node.
          serve: resolve('src-main/headless/serve.ts'),
          token: resolve('src-main/headless/token.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [react(), preloadApp()],
  },
})
