// The browser bundle's entry (scripts/package-test.sh bundles it with esbuild --platform=browser).
export * from 'fragility/core';
