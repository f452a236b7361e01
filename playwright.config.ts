import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/chromium'

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  reporter: [['list']],
  projects: [
    // The real desktop app, wherever `npm install` could fetch the Electron binary.
    { name: 'electron', use: { viewport: { width: 1440, height: 900 } } },
    {
      name: 'browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
})
