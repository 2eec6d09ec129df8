// The suite's bundler (test/e2e/harness/extension-tests.ts) imports .wit fixtures as text.
declare module '*.wit' {
  const text: string;
  export default text;
}
