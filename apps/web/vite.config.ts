import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// One build, one entry per audience: the console at /, the supervisor app (PWA) at /app/,
// the citizen page at /citizen/, the command big screen at /screen/.
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        console: page('./index.html'),
        app: page('./app/index.html'),
        citizen: page('./citizen/index.html'),
        screen: page('./screen/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/open311': 'http://localhost:3000',
    },
  },
});
